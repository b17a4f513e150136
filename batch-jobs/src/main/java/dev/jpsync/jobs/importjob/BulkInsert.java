package dev.jpsync.jobs.importjob;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import com.mysql.cj.jdbc.JdbcStatement;

/**
 * Inserts new rows with {@code LOAD DATA LOCAL INFILE}, fed from memory through Connector/J (no file), on the
 * connection of the caller's transaction: the database's own bulk path, several times cheaper than a multi-row
 * INSERT for both the driver (no escaping of every value twice) and the server (no SQL to parse).
 * <p>
 * {@code LOAD DATA LOCAL} skips a row whose key exists and turns a value it had to change into a warning instead
 * of refusing it. So it reports success only when every row went in as given (as many rows as sent, no warning);
 * otherwise, or when the database refuses local loading (MySQL's {@code local_infile} is off by default), it
 * reports failure and the caller writes the same rows the exact way, which also refreshes or refuses what the
 * load did. After a refusal it is not tried again in this process.
 */
final class BulkInsert {

    private static final Logger log = LoggerFactory.getLogger(BulkInsert.class);

    private final JdbcTemplate jdbc;
    private final AtomicBoolean refused = new AtomicBoolean();

    BulkInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False once the database has refused a local load. */
    boolean allowed() {
        return !refused.get();
    }

    /**
     * Loads the rows into {@code table (columns)}; true when all went in exactly as given.
     *
     * @param columns       the column list, e.g. {@code (id, remote_id, title)}
     * @param parentsLocked the caller holds a lock on every row the rows' foreign keys name, taken in this
     *                      transaction, so the database need not check them again row by row
     */
    boolean load(String table, String columns, TsvRows rows, boolean parentsLocked) {
        if (refused.get() || rows.rows() == 0) {
            return rows.rows() == 0;
        }
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(rows.stream());
                long loaded;
                if (parentsLocked) {
                    statement.execute("SET foreign_key_checks = 0");
                }
                try {
                    loaded = statement.executeLargeUpdate("LOAD DATA LOCAL INFILE 'import' INTO TABLE " + table
                            + " CHARACTER SET utf8mb4 " + columns);
                } catch (SQLException e) {
                    if (!isRefusal(e)) {
                        throw e;
                    }
                    if (refused.compareAndSet(false, true)) {
                        log.warn("The database refused LOAD DATA LOCAL INFILE ({}); the import writes with multi-row"
                                + " INSERTs instead, which is slower. Allow it on the server (local_infile=ON) and in the"
                                + " JDBC URL (allowLoadLocalInfile=true) for bulk imports.", e.getMessage());
                    }
                    return false;
                } finally {
                    if (parentsLocked) { // a pooled connection must never keep it off
                        statement.execute("SET foreign_key_checks = 1");
                    }
                }
                return loaded == rows.rows() && statement.getWarnings() == null;
            }
        }));
    }

    /**
     * The database or the driver does not allow local loading: 1148 "the used command is not allowed", 3948
     * "loading local data is disabled" (MySQL), 4166 "the server or client has disabled the local infile
     * capability" (MariaDB), 2068 "file request rejected due to restrictions on access" (the client).
     */
    private static boolean isRefusal(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1148, 2068, 3948, 4166 -> true;
            default -> false;
        };
    }
}
