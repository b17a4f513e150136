package dev.jpsync.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's side of {@code sync_failure}: list what the remote refused, and put a refused change back
 * into {@code change_log} so that the next export sends it again.
 * <p>
 * Re-queueing is the one writer of {@code change_log} besides the triggers (re-touching the record would log
 * nothing: an UPDATE that changes no column is not captured). It logs the record's current state, not the
 * refused payload, so that a retry never sends an older state than the database holds.
 */
@Repository
public class SyncFailureRetries {

    /** What became of a retry. */
    public enum Outcome {
        REQUEUED,
        NOT_FOUND,
        ALREADY_REQUEUED,
        RECORD_GONE
    }

    /** The outcome and, when re-queued, the new {@code change_log} id. */
    public record Retry(Outcome outcome, Long changeId, RecordedSyncFailure failure) {
    }

    private static final String COLUMNS = """
            id, entity, entity_id, op, payload, http_method, url, http_status, response_snippet, reason, attempts,
            export_execution_id, failed_at, requeued_at""";

    private final JdbcClient jdbc;

    public SyncFailureRetries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM sync_failure").query(Long.class).single();
    }

    /** Newest first. */
    public List<RecordedSyncFailure> findPage(int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_failure ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(limit, offset)
                .query(SyncFailureRetries::map)
                .list();
    }

    public Optional<RecordedSyncFailure> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_failure WHERE id = ?").param(id)
                .query(SyncFailureRetries::map).optional();
    }

    /**
     * Puts failure {@code id} back into the change log and marks it re-queued, in one transaction; the row lock
     * makes a second, concurrent retry of the same failure see it re-queued.
     */
    @Transactional
    public Retry requeue(long id) {
        Optional<RecordedSyncFailure> found = jdbc.sql("SELECT " + COLUMNS + " FROM sync_failure WHERE id = ? FOR UPDATE")
                .param(id).query(SyncFailureRetries::map).optional();
        if (found.isEmpty()) {
            return new Retry(Outcome.NOT_FOUND, null, null);
        }
        RecordedSyncFailure failure = found.get();
        if (failure.requeuedAt() != null) {
            return new Retry(Outcome.ALREADY_REQUEUED, null, failure);
        }
        int logged = failure.op() == ChangeOp.DELETE ? logDeletion(failure) : logCurrentState(failure);
        if (logged == 0) {
            // deleted locally since: its deletion is (or was) in the change log on its own
            return new Retry(Outcome.RECORD_GONE, null, failure);
        }
        long changeId = jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
        jdbc.sql("UPDATE sync_failure SET requeued_at = CURRENT_TIMESTAMP(6) WHERE id = ?").param(id).update();
        return new Retry(Outcome.REQUEUED, changeId, findById(id).orElseThrow());
    }

    private int logDeletion(RecordedSyncFailure failure) {
        return jdbc.sql("INSERT INTO change_log (entity, entity_id, op, payload, changed_at) "
                        + "VALUES (?, ?, 'DELETE', ?, NOW(6))")
                .params(failure.entity().name(), failure.entityId(), failure.payload())
                .update();
    }

    /**
     * The record's state now, in the triggers' payload shape. A CREATE of a record that has learnt its remote
     * id since is logged as UPDATE, so that the retry does not create it twice on the remote.
     */
    private int logCurrentState(RecordedSyncFailure failure) {
        String sql = switch (failure.entity()) {
            case POST -> """
                    INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
                    SELECT 'POST', p.id, CASE WHEN ? = 'CREATE' AND p.remote_id IS NULL THEN 'CREATE' ELSE 'UPDATE' END,
                           JSON_OBJECT('id', p.id, 'userId', p.user_id, 'title', p.title, 'body', p.body,
                                       'remoteId', p.remote_id),
                           NOW(6)
                    FROM posts p WHERE p.id = ?""";
            case COMMENT -> """
                    INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
                    SELECT 'COMMENT', c.id, CASE WHEN ? = 'CREATE' AND c.remote_id IS NULL THEN 'CREATE' ELSE 'UPDATE' END,
                           JSON_OBJECT('id', c.id, 'postId', c.post_id, 'name', c.name, 'email', c.email,
                                       'body', c.body, 'remoteId', c.remote_id),
                           NOW(6)
                    FROM comments c WHERE c.id = ?""";
        };
        return jdbc.sql(sql).params(failure.op().name(), failure.entityId()).update();
    }

    private static RecordedSyncFailure map(ResultSet rs, int row) throws SQLException {
        return new RecordedSyncFailure(
                rs.getLong("id"),
                EntityKind.valueOf(rs.getString("entity")),
                rs.getLong("entity_id"),
                ChangeOp.valueOf(rs.getString("op")),
                rs.getString("payload"),
                rs.getString("http_method"),
                rs.getString("url"),
                rs.getObject("http_status", Integer.class),
                rs.getString("response_snippet"),
                rs.getString("reason"),
                rs.getInt("attempts"),
                rs.getObject("export_execution_id", Long.class),
                instant(rs.getTimestamp("failed_at")),
                instant(rs.getTimestamp("requeued_at")));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
