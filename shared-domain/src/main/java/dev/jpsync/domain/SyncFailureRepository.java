package dev.jpsync.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code sync_failure}, the one DAO over it: the export records what the remote refused; operators list the
 * refusals and put one back into {@code change_log} so that the next export sends it again.
 * <p>
 * Re-queueing ({@link ChangeRequeue}) logs the record's current state, not the refused payload, so that a retry
 * never sends an older state than the database holds.
 */
@Repository
public class SyncFailureRepository {

    /** What became of a retry. */
    public enum Outcome {
        REQUEUED,
        NOT_FOUND,
        ALREADY_REQUEUED,
        RECORD_GONE
    }

    /** The outcome and, when re-queued, the new {@code change_log} id. */
    public record Retry(Outcome outcome, Long changeId, SyncFailure failure) {
    }

    private static final String COLUMNS = """
            id, entity, entity_id, op, payload, http_method, url, http_status, response_snippet, reason, attempts,
            export_execution_id, failed_at, requeued_at""";

    private final JdbcClient jdbc;
    private final ChangeRequeue changes;

    public SyncFailureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.changes = new ChangeRequeue(jdbc);
    }

    /** Stores a refusal of the export ({@link SyncFailure#refused}); long texts are cut. */
    public void record(SyncFailure f) {
        jdbc.sql("""
                        INSERT INTO sync_failure (entity, entity_id, op, payload, http_method, url, http_status,
                            response_snippet, reason, attempts, export_execution_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(f.entity().name(), f.entityId(), f.op().name(), f.payload(), f.httpMethod(),
                        SyncFailure.snippet(f.url()), f.httpStatus(), SyncFailure.snippet(f.responseSnippet()),
                        SyncFailure.snippet(f.reason()), f.attempts(), f.exportExecutionId())
                .update();
    }

    /** Refusals recorded by these export executions (the skip limit counts those of one job instance). */
    public long countForExecutions(Collection<Long> exportExecutionIds) {
        long count = 0;
        for (List<Long> part : SqlLists.partition(List.copyOf(exportExecutionIds))) {
            count += jdbc.sql("SELECT COUNT(*) FROM sync_failure WHERE export_execution_id IN ("
                    + SqlLists.placeholders(part.size()) + ")").params(new ArrayList<Object>(part)).query(Long.class).single();
        }
        return count;
    }

    /** Oldest first. */
    public List<SyncFailure> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_failure ORDER BY id")
                .query(SyncFailureRepository::map)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM sync_failure").query(Long.class).single();
    }

    /** Newest first. */
    public List<SyncFailure> findPage(long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_failure ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(limit, offset)
                .query(SyncFailureRepository::map)
                .list();
    }

    public Optional<SyncFailure> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_failure WHERE id = ?").param(id)
                .query(SyncFailureRepository::map).optional();
    }

    /**
     * Puts failure {@code id} back into the change log and marks it re-queued, in one transaction; the row lock
     * makes a second, concurrent retry of the same failure see it re-queued.
     */
    @Transactional
    public Retry requeue(long id) {
        Optional<SyncFailure> found = jdbc.sql("SELECT " + COLUMNS + " FROM sync_failure WHERE id = ? FOR UPDATE")
                .param(id).query(SyncFailureRepository::map).optional();
        if (found.isEmpty()) {
            return new Retry(Outcome.NOT_FOUND, null, null);
        }
        SyncFailure failure = found.get();
        if (failure.requeuedAt() != null) {
            return new Retry(Outcome.ALREADY_REQUEUED, null, failure);
        }
        java.util.OptionalLong logged = failure.op() == ChangeOp.DELETE
                ? java.util.OptionalLong.of(changes.logDeletion(failure.entity(), failure.entityId(), failure.payload()))
                : changes.logCurrentState(failure.entity(), failure.entityId(), failure.op());
        if (logged.isEmpty()) {
            // deleted locally since: its deletion is (or was) in the change log on its own
            return new Retry(Outcome.RECORD_GONE, null, failure);
        }
        long changeId = logged.getAsLong();
        jdbc.sql("UPDATE sync_failure SET requeued_at = CURRENT_TIMESTAMP(6) WHERE id = ?").param(id).update();
        return new Retry(Outcome.REQUEUED, changeId, findById(id).orElseThrow());
    }

    /** Re-queues every failure not re-queued yet, oldest first, each as {@link #requeue} does, in one transaction. */
    @Transactional
    public List<Retry> requeueAll() {
        List<Long> open = jdbc.sql("SELECT id FROM sync_failure WHERE requeued_at IS NULL ORDER BY id")
                .query(Long.class).list();
        List<Retry> retries = new ArrayList<>(open.size());
        for (long id : open) {
            retries.add(requeue(id));
        }
        return retries;
    }

    private static SyncFailure map(ResultSet rs, int row) throws SQLException {
        return new SyncFailure(
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
