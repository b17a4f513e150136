package dev.jpsync.domain;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The export's bookkeeping: the outcome of each processed entry ({@code change_log_outcome}, committed as
 * soon as it is known) and the move of exactly those entries into {@code change_log_archive}.
 */
@Repository
public class ChangeLogArchive {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public ChangeLogArchive(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Records the outcome of the given entries (joins the caller's transaction if there is one). */
    public void recordOutcome(List<Long> changeIds, long exportExecutionId, ExportOutcome outcome) {
        for (List<Long> part : SqlLists.partition(changeIds)) {
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO change_log_outcome (change_id, export_execution_id, outcome) VALUES ");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
                params.add(part.get(i));
                params.add(exportExecutionId);
                params.add(outcome.name());
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    /**
     * In one transaction: copies every entry with a recorded outcome and an id within the window into
     * {@code change_log_archive} and deletes it from {@code change_log}. Entries without an outcome (written
     * after the window, or committed late below it) are not touched, not even locked: rows are addressed by
     * primary key only.
     *
     * @return how many entries were archived
     */
    public int archiveProcessed(ChangeWindow window) {
        Integer archived = transaction.execute(status -> {
            List<Long> ids = jdbc.sql("SELECT change_id FROM change_log_outcome WHERE change_id <= ? ORDER BY change_id")
                    .param(window.upToId()).query(Long.class).list();
            for (List<Long> part : SqlLists.partition(ids)) {
                String in = SqlLists.placeholders(part.size());
                jdbc.sql("""
                                INSERT INTO change_log_archive
                                    (id, entity, entity_id, op, payload, changed_at, export_execution_id, outcome)
                                SELECT c.id, c.entity, c.entity_id, c.op, c.payload, c.changed_at,
                                    o.export_execution_id, o.outcome
                                FROM change_log_outcome o JOIN change_log c ON c.id = o.change_id
                                WHERE o.change_id IN (""" + in + ")")
                        .params(new ArrayList<Object>(part)).update();
                jdbc.sql("DELETE FROM change_log WHERE id IN (" + in + ")").params(new ArrayList<Object>(part)).update();
                jdbc.sql("DELETE FROM change_log_outcome WHERE change_id IN (" + in + ")")
                        .params(new ArrayList<Object>(part)).update();
            }
            return ids.size();
        });
        return archived == null ? 0 : archived;
    }
}
