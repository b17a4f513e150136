package dev.jpsync.domain;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code sync_failure}: what the remote refused, for operators. */
@Repository
public class SyncFailureRepository {

    private final JdbcClient jdbc;

    public SyncFailureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(SyncFailure f) {
        jdbc.sql("""
                        INSERT INTO sync_failure (entity, entity_id, op, payload, http_method, url, http_status,
                            response_snippet, reason, attempts, export_execution_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(f.entity().name(), f.entityId(), f.op().name(), f.payload(), f.httpMethod(),
                        cut(f.url()), f.httpStatus(), cut(f.responseSnippet()), cut(f.reason()), f.attempts(),
                        f.exportExecutionId())
                .update();
    }

    public long countForExecution(long exportExecutionId) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_failure WHERE export_execution_id = ?")
                .param(exportExecutionId).query(Long.class).single();
    }

    public List<SyncFailure> findAll() {
        return jdbc.sql("""
                        SELECT entity, entity_id, op, payload, http_method, url, http_status, response_snippet,
                            reason, attempts, export_execution_id FROM sync_failure ORDER BY id""")
                .query((rs, row) -> new SyncFailure(
                        EntityKind.valueOf(rs.getString("entity")),
                        rs.getLong("entity_id"),
                        ChangeOp.valueOf(rs.getString("op")),
                        rs.getString("payload"),
                        rs.getString("http_method"),
                        rs.getString("url"),
                        (Integer) rs.getObject("http_status", Integer.class),
                        rs.getString("response_snippet"),
                        rs.getString("reason"),
                        rs.getInt("attempts"),
                        (Long) rs.getObject("export_execution_id", Long.class)))
                .list();
    }

    private static String cut(String s) {
        return s == null || s.length() <= SyncFailure.SNIPPET_LENGTH ? s : s.substring(0, SyncFailure.SNIPPET_LENGTH);
    }
}
