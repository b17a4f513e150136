package dev.jpsync.jobs.launch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * The one database lock per job and schema ({@code GET_LOCK}, MySQL and MariaDB) that a run holds from its
 * launch to its end, on a connection set aside for it. Lock names are server-wide, so the name carries the
 * schema ({@code jpsync.run.<schema>.<job>}, cut to MySQL's 64 characters): deployments on different schemas
 * of one server never block each other. The server frees the lock when the holding connection ends, also when
 * the process is killed; so a free lock with an execution still marked as running means that execution's
 * process is gone.
 */
@Component
public class RunLock {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);
    private static final String NAME = "LEFT(CONCAT('jpsync.run.', DATABASE(), '.', ?), 64)";

    private final DataSource dataSource;

    public RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the job's lock without waiting; empty when another connection (a live run) holds it. */
    public Optional<Held> tryTake(String job) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT GET_LOCK(" + NAME + ", 0), " + NAME + ", CONNECTION_ID()")) {
                st.setString(1, job);
                st.setString(2, job);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        return Optional.of(new Held(job, rs.getString(2), rs.getLong(3), connection));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("Could not take the run lock of " + job, e);
        }
    }

    /** Whether some connection (a live run, in this process or another) holds the job's lock now. */
    public boolean isHeld(String job) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement st = connection.prepareStatement("SELECT IS_USED_LOCK(" + NAME + ") IS NOT NULL")) {
            st.setString(1, job);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not read the run lock of " + job, e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing a run-lock connection", e);
            }
        }
    }

    /** The lock as one run holds it: the name, and the connection (and its server-side id) that holds it. */
    public static final class Held implements AutoCloseable {

        private final String job;
        private final String name;
        private final long connectionId;
        private final Connection connection;
        private boolean closed;

        private Held(String job, String name, long connectionId, Connection connection) {
            this.job = job;
            this.name = name;
            this.connectionId = connectionId;
            this.connection = connection;
        }

        public String job() {
            return job;
        }

        public String name() {
            return name;
        }

        /**
         * Whether this connection still holds the lock ({@code IS_USED_LOCK} is its own {@code CONNECTION_ID()}).
         * False when the connection was killed, timed out or lost: the server has freed the lock, and another
         * run may have taken it since.
         */
        public boolean isStillHeld() {
            try (PreparedStatement st = connection.prepareStatement("SELECT IS_USED_LOCK(?) = CONNECTION_ID()")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getBoolean(1) && !rs.wasNull();
                }
            } catch (SQLException e) {
                log.warn("The connection {} holding the run lock {} is gone", connectionId, name, e);
                return false;
            }
        }

        /** Releases the lock and gives the connection back; does nothing the second time. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (PreparedStatement st = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                st.setString(1, name);
                st.executeQuery().close();
            } catch (SQLException e) {
                // the pool evicts a broken connection, and the server frees its locks with it
                log.warn("Could not release the run lock {}; it goes with its connection", name, e);
            } finally {
                closeQuietly(connection);
            }
        }

        @Override
        public String toString() {
            return name + " (connection " + connectionId + ")";
        }
    }
}
