package dev.jpsync.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the export remembers about a record between runs ({@code V30__export_record_state.sql}): POSTs that
 * may have reached the remote without their answer being recorded ({@code export_create_sent}), and runs in
 * which a record's calls went unanswered ({@code export_unanswered}).
 */
@Repository
public class ExportRecordState {

    private final JdbcClient jdbc;

    public ExportRecordState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Of these records, the ones with a POST that an execution sent and whose outcome was never recorded. */
    public Set<Long> createsSent(EntityKind kind, Collection<Long> localIds) {
        Set<Long> sent = new HashSet<>();
        for (List<Long> part : SqlLists.partition(List.copyOf(localIds))) {
            List<Object> params = new ArrayList<>(part.size() + 1);
            params.add(kind.name());
            params.addAll(part);
            sent.addAll(jdbc.sql("SELECT entity_id FROM export_create_sent WHERE entity = ? AND entity_id IN ("
                    + SqlLists.placeholders(part.size()) + ")").params(params).query(Long.class).list());
        }
        return sent;
    }

    /** Notes, committed with the caller's transaction, that POSTs of these records are about to be sent. */
    public void markCreatesSent(EntityKind kind, Collection<Long> localIds, long executionId) {
        for (List<Long> part : SqlLists.partition(List.copyOf(localIds))) {
            StringBuilder sql = new StringBuilder("INSERT INTO export_create_sent (entity, entity_id, export_execution_id) VALUES ");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
                params.add(kind.name());
                params.add(part.get(i));
                params.add(executionId);
            }
            sql.append(" ON DUPLICATE KEY UPDATE export_execution_id = VALUES(export_execution_id)");
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    /** Forgets both kinds of state of these records: an outcome has been recorded for them. */
    public void forget(EntityKind kind, Collection<Long> localIds) {
        for (List<Long> part : SqlLists.partition(List.copyOf(localIds))) {
            List<Object> params = new ArrayList<>(part.size() + 1);
            params.add(kind.name());
            params.addAll(part);
            String in = SqlLists.placeholders(part.size());
            jdbc.sql("DELETE FROM export_create_sent WHERE entity = ? AND entity_id IN (" + in + ")").params(params).update();
            jdbc.sql("DELETE FROM export_unanswered WHERE entity = ? AND entity_id IN (" + in + ")").params(params).update();
        }
    }

    /**
     * Counts a run in which the record's calls went unanswered (once per execution) and returns how many such
     * runs there have been.
     */
    public int unansweredIn(EntityKind kind, long localId, long executionId, String reason) {
        jdbc.sql("""
                        INSERT INTO export_unanswered (entity, entity_id, runs, last_execution_id, last_reason)
                        VALUES (?, ?, 1, ?, ?)
                        ON DUPLICATE KEY UPDATE runs = runs + IF(last_execution_id = VALUES(last_execution_id), 0, 1),
                            last_execution_id = VALUES(last_execution_id), last_reason = VALUES(last_reason)""")
                .params(kind.name(), localId, executionId, SyncFailure.snippet(reason)).update();
        return jdbc.sql("SELECT runs FROM export_unanswered WHERE entity = ? AND entity_id = ?")
                .params(kind.name(), localId).query(Integer.class).single();
    }
}
