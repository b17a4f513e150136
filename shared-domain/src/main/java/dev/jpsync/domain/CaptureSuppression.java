package dev.jpsync.domain;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work with change capture switched off for the connection that does it, so that writes which
 * must not travel back to the remote (the import, the export storing a remote id) stay out of
 * {@code change_log}.
 * <p>
 * The triggers read the session variable {@code @sync_capture_off}. Session variables outlive the
 * borrower of a pooled connection, so the flag is always reset, also when the work throws; and the work
 * runs in a transaction (joined if one is active, e.g. a Spring Batch chunk) so that the flag and the
 * writes are on the same connection.
 */
@Component
public class CaptureSuppression {

    private static final Logger log = LoggerFactory.getLogger(CaptureSuppression.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public CaptureSuppression(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    public <T> T call(Supplier<T> work) {
        return transaction.execute(status -> {
            Integer previous = jdbc.queryForObject("SELECT @sync_capture_off", Integer.class);
            jdbc.execute("SET @sync_capture_off = 1");
            try {
                return work.get();
            } finally {
                restore(previous);
            }
        });
    }

    private void restore(Integer previous) {
        try {
            // nested use keeps the outer block's setting
            if (previous == null) {
                jdbc.execute("SET @sync_capture_off = NULL");
            } else {
                jdbc.update("SET @sync_capture_off = ?", previous);
            }
        } catch (RuntimeException e) {
            // a connection that cannot take this statement is broken and will be evicted by the pool
            log.warn("Could not switch change capture back on for this connection", e);
        }
    }
}
