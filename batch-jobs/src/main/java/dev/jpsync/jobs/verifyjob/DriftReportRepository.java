package dev.jpsync.jobs.verifyjob;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.jpsync.domain.EntityKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drift reports ({@code drift_report}, one row per difference, kept per verify execution) and the verify
 * job's scratch list of remote ids read ({@code verify_seen}).
 */
@Repository
public class DriftReportRepository {

    private static final String COLUMNS = """
            id, verify_execution_id, entity, local_id, remote_id, kind, fields, local_state, remote_state, found_at,
            repaired_at, repair""";

    /** A row to add; states as JSON text. */
    public record NewEntry(EntityKind entity, Long localId, Long remoteId, Drift drift, String localState,
                           String remoteState) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    public DriftReportRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    // written by the verify job

    /** Notes that the remote has these records (a repeated id, e.g. after a restart, is kept once). */
    public void markSeen(long executionId, EntityKind kind, Collection<Long> remoteIds) {
        List<Object[]> rows = remoteIds.stream().map(id -> new Object[] {executionId, kind.name(), id}).toList();
        jdbcTemplate.batchUpdate("INSERT IGNORE INTO verify_seen (verify_execution_id, entity, remote_id) VALUES (?, ?, ?)",
                rows);
    }

    public void add(long executionId, List<NewEntry> entries) {
        jdbcTemplate.batchUpdate("""
                        INSERT INTO drift_report (verify_execution_id, entity, local_id, remote_id, kind, fields,
                            local_state, remote_state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                entries.stream().map(e -> new Object[] {executionId, e.entity().name(), e.localId(), e.remoteId(),
                        e.drift().kind().name(), e.drift().fields().isEmpty() ? null : String.join(",", e.drift().fields()),
                        e.localState(), e.remoteState()}).toList());
    }

    /**
     * Adds a row for every local record whose remote id the execution did not see (or that has none): PENDING when
     * the record has change-log entries, MISSING_REMOTE otherwise. One statement; nothing is held in memory.
     *
     * @return the rows added
     */
    public int addMissingOnRemote(long executionId, EntityKind kind) {
        String sql = switch (kind) {
            case POST -> """
                    INSERT INTO drift_report (verify_execution_id, entity, local_id, remote_id, kind, local_state)
                    SELECT ?, 'POST', p.id, p.remote_id,
                           CASE WHEN EXISTS (SELECT 1 FROM change_log l WHERE l.entity = 'POST' AND l.entity_id = p.id)
                                THEN 'PENDING' ELSE 'MISSING_REMOTE' END,
                           JSON_OBJECT('userId', p.user_id, 'title', p.title, 'body', p.body)
                    FROM posts p
                    WHERE p.remote_id IS NULL OR NOT EXISTS (SELECT 1 FROM verify_seen s
                        WHERE s.verify_execution_id = ? AND s.entity = 'POST' AND s.remote_id = p.remote_id)""";
            case COMMENT -> """
                    INSERT INTO drift_report (verify_execution_id, entity, local_id, remote_id, kind, local_state)
                    SELECT ?, 'COMMENT', c.id, c.remote_id,
                           CASE WHEN EXISTS (SELECT 1 FROM change_log l WHERE l.entity = 'COMMENT' AND l.entity_id = c.id)
                                THEN 'PENDING' ELSE 'MISSING_REMOTE' END,
                           JSON_OBJECT('postId', p.remote_id, 'name', c.name, 'email', c.email, 'body', c.body)
                    FROM comments c JOIN posts p ON p.id = c.post_id
                    WHERE c.remote_id IS NULL OR NOT EXISTS (SELECT 1 FROM verify_seen s
                        WHERE s.verify_execution_id = ? AND s.entity = 'COMMENT' AND s.remote_id = c.remote_id)""";
        };
        return jdbc.sql(sql).params(executionId, executionId).update();
    }

    /** Empties the execution's scratch list once it has been used. */
    public void forgetSeen(long executionId) {
        jdbc.sql("DELETE FROM verify_seen WHERE verify_execution_id = ?").param(executionId).update();
    }

    // read by operators

    /** The newest verify execution that completed, whose report is the latest one. */
    public OptionalLong latestReport() {
        return jdbc.sql("""
                        SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
                        JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                        WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED'""")
                .param(VerifyJobConfiguration.JOB_NAME)
                .query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Rows per kind (every kind present, 0 when none). */
    public Map<DriftKind, Long> counts(long executionId) {
        Map<DriftKind, Long> counts = new EnumMap<>(DriftKind.class);
        Arrays.stream(DriftKind.values()).forEach(kind -> counts.put(kind, 0L));
        jdbc.sql("SELECT kind, COUNT(*) FROM drift_report WHERE verify_execution_id = ? GROUP BY kind")
                .param(executionId)
                .query((RowCallbackHandler) rs -> counts.put(DriftKind.valueOf(rs.getString(1)), rs.getLong(2)));
        return counts;
    }

    public long count(long executionId) {
        return jdbc.sql("SELECT COUNT(*) FROM drift_report WHERE verify_execution_id = ?").param(executionId)
                .query(Long.class).single();
    }

    /** Rows of a report: posts first, then comments, in the order found. */
    public List<DriftEntry> page(long executionId, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM drift_report WHERE verify_execution_id = ? "
                        + "ORDER BY CASE entity WHEN 'POST' THEN 0 ELSE 1 END, id LIMIT ? OFFSET ?")
                .params(executionId, limit, offset).query(this::map).list();
    }

    /** The next rows of a report after a row id, in id order (for repairing a whole report a part at a time). */
    public List<DriftEntry> after(long executionId, long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM drift_report WHERE verify_execution_id = ? AND id > ? "
                        + "ORDER BY id LIMIT ?")
                .params(executionId, afterId, limit).query(this::map).list();
    }

    public Optional<DriftEntry> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM drift_report WHERE id = ?").param(id).query(this::map).optional();
    }

    /** Locks the row for a repair (in the caller's transaction) and answers it as it is now. */
    public Optional<DriftEntry> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM drift_report WHERE id = ? FOR UPDATE").param(id)
                .query(this::map).optional();
    }

    public void markRepaired(long id, String repair) {
        jdbc.sql("UPDATE drift_report SET repaired_at = CURRENT_TIMESTAMP(6), repair = ? WHERE id = ?")
                .params(repair.length() > 255 ? repair.substring(0, 255) : repair, id).update();
    }

    private DriftEntry map(ResultSet rs, int row) throws SQLException {
        String fields = rs.getString("fields");
        return new DriftEntry(rs.getLong("id"), rs.getLong("verify_execution_id"),
                EntityKind.valueOf(rs.getString("entity")), rs.getObject("local_id", Long.class),
                rs.getObject("remote_id", Long.class), DriftKind.valueOf(rs.getString("kind")),
                fields == null ? List.of() : new ArrayList<>(Arrays.asList(fields.split(","))),
                tree(rs.getString("local_state")), tree(rs.getString("remote_state")),
                instant(rs.getTimestamp("found_at")), instant(rs.getTimestamp("repaired_at")), rs.getString("repair"));
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
