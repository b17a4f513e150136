package dev.jpsync.jobs.exportjob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * The database-wide lock that keeps export executions from overlapping, also across service instances
 * sharing one database: MySQL/MariaDB {@code GET_LOCK}, held by a connection set aside for the run. The
 * server frees it when that connection ends, so a killed process never leaves a stale lock behind and no
 * lock table or expiry time is needed. The name includes the schema, so schemas on one server (tests, or
 * several deployments) do not block each other.
 */
@Component
public class ExportLock {

    private static final Logger log = LoggerFactory.getLogger(ExportLock.class);
    private static final String NAME = "LEFT(CONCAT('jpsync.export.', DATABASE()), 64)";

    private final DataSource dataSource;
    private final Map<Long, Connection> held = new ConcurrentHashMap<>();

    public ExportLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lock for a job execution without waiting; false when another execution holds it. */
    public boolean tryAcquire(long jobExecutionId) {
        if (held.containsKey(jobExecutionId)) {
            return true;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (queryInt(connection, "SELECT GET_LOCK(" + NAME + ", 0)") == 1) {
                held.put(jobExecutionId, connection);
                return true;
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("Cannot take the export lock", e);
        }
    }

    /** Releases the lock taken for a job execution; does nothing if it holds none. */
    public void release(long jobExecutionId) {
        Connection connection = held.remove(jobExecutionId);
        if (connection == null) {
            return;
        }
        try {
            queryInt(connection, "SELECT RELEASE_LOCK(" + NAME + ")");
        } catch (SQLException e) {
            log.warn("Could not release the export lock; it goes with the connection", e);
        } finally {
            closeQuietly(connection);
        }
    }

    /** Whether no execution, in this process or another, holds the lock right now. */
    public boolean isFree() {
        try (Connection connection = dataSource.getConnection()) {
            return queryInt(connection, "SELECT IS_FREE_LOCK(" + NAME + ")") == 1;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot look at the export lock", e);
        }
    }

    private static int queryInt(Connection connection, String sql) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing lock connection", e);
            }
        }
    }
}
