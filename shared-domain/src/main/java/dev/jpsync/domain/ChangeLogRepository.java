package dev.jpsync.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the change log that the database triggers write. Nothing in the application inserts into it. */
@Repository
public class ChangeLogRepository {

    private final JdbcClient jdbc;

    public ChangeLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM change_log").query(Long.class).single();
    }

    /** The highest id written so far, empty when the log is empty. */
    public OptionalLong maxId() {
        Long max = jdbc.sql("SELECT MAX(id) FROM change_log").query(Long.class).optional().orElse(null);
        return max == null ? OptionalLong.empty() : OptionalLong.of(max);
    }

    /** Entries with {@code afterId < id <= upToId}, in id order, at most {@code limit} of them. */
    public List<Change> findRange(long afterId, long upToId, int limit) {
        return jdbc.sql("""
                        SELECT id, entity, entity_id, op, payload, changed_at FROM change_log
                        WHERE id > ? AND id <= ? ORDER BY id LIMIT ?""")
                .params(afterId, upToId, limit)
                .query(ChangeLogRepository::mapChange)
                .list();
    }

    /**
     * The entries of the next {@code maxRecords} records of one kind (local id above {@code afterEntityId}) that
     * lie within the window and have no export outcome yet, ordered by record, then id. Whole records only,
     * so that the export can fold each record's entries into one net change.
     */
    public List<Change> findPendingRecords(EntityKind kind, ChangeWindow window, long afterEntityId, int maxRecords) {
        List<Long> records = jdbc.sql("""
                        SELECT DISTINCT c.entity_id FROM change_log c
                        LEFT JOIN change_log_outcome o ON o.change_id = c.id
                        WHERE c.entity = ? AND c.id <= ? AND c.entity_id > ? AND o.change_id IS NULL
                        ORDER BY c.entity_id LIMIT ?""")
                .params(kind.name(), window.upToId(), afterEntityId, maxRecords)
                .query(Long.class)
                .list();
        if (records.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.id, c.entity, c.entity_id, c.op, c.payload, c.changed_at FROM change_log c
                        LEFT JOIN change_log_outcome o ON o.change_id = c.id
                        WHERE c.entity = ? AND c.id <= ? AND c.entity_id BETWEEN ? AND ? AND o.change_id IS NULL
                        ORDER BY c.entity_id, c.id""")
                .params(kind.name(), window.upToId(), records.get(0), records.get(records.size() - 1))
                .query(ChangeLogRepository::mapChange)
                .list();
    }

    /** Of these records, the ones with entries (in any window) that no export has decided on yet. */
    public List<Long> withPendingEntries(EntityKind kind, Collection<Long> entityIds) {
        List<Long> pending = new ArrayList<>();
        for (List<Long> part : SqlLists.partition(entityIds.stream().distinct().toList())) {
            List<Object> params = new ArrayList<>(part.size() + 1);
            params.add(kind.name());
            params.addAll(part);
            pending.addAll(jdbc.sql("SELECT DISTINCT c.entity_id FROM change_log c "
                            + "LEFT JOIN change_log_outcome o ON o.change_id = c.id "
                            + "WHERE c.entity = ? AND c.entity_id IN (" + SqlLists.placeholders(part.size()) + ") "
                            + "AND o.change_id IS NULL")
                    .params(params).query(Long.class).list());
        }
        return pending;
    }

    /** Entries within the window that no export has decided on yet. */
    public long countPending(ChangeWindow window) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM change_log c LEFT JOIN change_log_outcome o ON o.change_id = c.id
                        WHERE c.id <= ? AND o.change_id IS NULL""")
                .param(window.upToId()).query(Long.class).single();
    }

    public List<Change> findAll() {
        return jdbc.sql("SELECT id, entity, entity_id, op, payload, changed_at FROM change_log ORDER BY id")
                .query(ChangeLogRepository::mapChange)
                .list();
    }

    public static Change mapChange(ResultSet rs, int row) throws SQLException {
        return new Change(
                rs.getLong("id"),
                EntityKind.valueOf(rs.getString("entity")),
                rs.getLong("entity_id"),
                ChangeOp.valueOf(rs.getString("op")),
                rs.getString("payload"),
                rs.getTimestamp("changed_at").toInstant());
    }
}
