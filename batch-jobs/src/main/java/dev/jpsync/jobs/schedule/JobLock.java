package dev.jpsync.jobs.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * A named lock in the database ({@code GET_LOCK}, MySQL and MariaDB), so that service instances sharing one
 * database agree on who may launch a job. The lock belongs to the connection that took it: the holder keeps
 * that connection until {@link Held#close()}, and a process that dies loses its locks with its connection.
 */
@Component
public class JobLock {

    private static final Logger log = LoggerFactory.getLogger(JobLock.class);

    /** MySQL's limit for lock names. */
    private static final int MAX_NAME_LENGTH = 64;

    private final DataSource dataSource;

    public JobLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lock, waiting up to {@code wait} for another holder to let go; empty when it did not. */
    public Optional<Held> tryAcquire(String name, Duration wait) {
        String lockName = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement st = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                st.setString(1, lockName);
                st.setLong(2, Math.max(0, wait.toSeconds()));
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        return Optional.of(new Held(lockName, connection));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("Could not take the database lock " + lockName, e);
        }
    }

    /** Whether nobody holds the lock (a holder whose process died holds nothing: the server freed it). */
    public boolean isFree(String name) {
        String lockName = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement st = connection.prepareStatement("SELECT IS_FREE_LOCK(?)")) {
            st.setString(1, lockName);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not look at the database lock " + lockName, e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing a connection after a failed GET_LOCK", e);
            }
        }
    }

    /** A lock this process holds; closing it releases the lock and returns the connection. */
    public static final class Held implements AutoCloseable {

        private final String name;
        private final Connection connection;

        private Held(String name, Connection connection) {
            this.name = name;
            this.connection = connection;
        }

        public String name() {
            return name;
        }

        @Override
        public void close() {
            try (PreparedStatement st = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                st.setString(1, name);
                st.executeQuery().close();
            } catch (SQLException e) {
                // the pool evicts a broken connection, and the server frees its locks with it
                log.warn("Could not release the database lock {}", name, e);
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
