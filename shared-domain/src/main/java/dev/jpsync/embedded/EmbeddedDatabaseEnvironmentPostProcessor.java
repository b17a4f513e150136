package dev.jpsync.embedded;

import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url} configured, starts the embedded MariaDB and points the data
 * source at it, so that the service runs on a machine with nothing but a JDK. With a URL, does nothing.
 * <p>
 * Runs after the config data has been loaded (application.yml, environment variables), so that it sees
 * the user's settings ({@link EmbeddedDatabaseProperties}).
 */
public class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private static EmbeddedMariaDb server;
    private static Path serverDataDir;

    private final Log log;

    public EmbeddedDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedDatabaseEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            return;
        }
        EmbeddedDatabaseProperties settings = Binder.get(env)
                .bindOrCreate("sync.embedded-db", EmbeddedDatabaseProperties.class);
        if (!settings.enabled()) {
            return;
        }
        Path dataDir = settings.dataDir();
        Path baseDir = settings.baseDir();
        int port = settings.port();
        String schema = settings.schema();

        EmbeddedMariaDb db = startOnce(baseDir, dataDir, port);
        log.info("No spring.datasource.url set: using the embedded MariaDB on 127.0.0.1:" + db.port()
                + ", schema " + schema + ", data in " + dataDir.toAbsolutePath().normalize()
                + (db.startedHere() ? "" : " (a server already running for that data directory)"));
        env.getPropertySources().addFirst(new MapPropertySource("embeddedMariaDb", Map.of(
                "spring.datasource.url", db.jdbcUrl(schema),
                "spring.datasource.username", EmbeddedMariaDb.username(),
                "spring.datasource.password", db.password())));
    }

    /** One server per JVM and data directory, also when several application contexts start. */
    private static synchronized EmbeddedMariaDb startOnce(Path baseDir, Path dataDir, int port) {
        Path normalized = dataDir.toAbsolutePath().normalize();
        if (server == null || !normalized.equals(serverDataDir)) {
            server = EmbeddedMariaDb.start(baseDir, normalized, port);
            serverDataDir = normalized;
        }
        return server;
    }
}
