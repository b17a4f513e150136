package dev.jpsync.api.changes;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.jpsync.api.ops.PageRequest;
import dev.jpsync.domain.EntityKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's history from the tables that hold it: its pending change-log entries (with an export's outcome once
 * decided), the archived ones with the export execution and outcome, and the drift repairs made to it.
 */
@Component
class ChangeHistory {

    private static final String EVENTS = """
            SELECT CASE WHEN o.change_id IS NULL THEN 'PENDING' ELSE 'DECIDED' END AS state, c.id AS change_id, c.op,
                   c.payload, c.changed_at AS at, o.export_execution_id, o.outcome, NULL AS source_of_truth,
                   NULL AS repair
            FROM change_log c LEFT JOIN change_log_outcome o ON o.change_id = c.id
            WHERE c.entity = ? AND c.entity_id = ?
            UNION ALL
            SELECT 'ARCHIVED', a.id, a.op, a.payload, a.changed_at, a.export_execution_id, a.outcome, NULL, NULL
            FROM change_log_archive a WHERE a.entity = ? AND a.entity_id = ?
            UNION ALL
            SELECT 'REPAIRED', NULL, NULL, r.payload, r.repaired_at, NULL, NULL, r.source_of_truth, r.action
            FROM sync_repair r WHERE r.entity = ? AND r.entity_id = ?""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ChangeHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long count(EntityKind kind, long id) {
        return jdbc.sql("SELECT COUNT(*) FROM (" + EVENTS + ") e").params(params(kind, id)).query(Long.class).single();
    }

    /** Newest first; entries written in the same microsecond by change-log id. */
    List<HistoryEntry> page(EntityKind kind, long id, PageRequest page) {
        List<Object> params = new java.util.ArrayList<>(params(kind, id));
        params.add(page.size());
        params.add(page.offset());
        return jdbc.sql("SELECT * FROM (" + EVENTS + ") e ORDER BY at DESC, change_id DESC LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, row) -> {
                    String payload = rs.getString("payload");
                    Timestamp at = rs.getTimestamp("at");
                    return new HistoryEntry(rs.getString("state"), rs.getObject("change_id", Long.class),
                            rs.getString("op"), payload == null ? null : json.readTree(payload),
                            at == null ? null : at.toInstant(), rs.getObject("export_execution_id", Long.class),
                            rs.getString("outcome"), rs.getString("source_of_truth"), rs.getString("repair"));
                })
                .list();
    }

    private static List<Object> params(EntityKind kind, long id) {
        return List.of(kind.name(), id, kind.name(), id, kind.name(), id);
    }
}
