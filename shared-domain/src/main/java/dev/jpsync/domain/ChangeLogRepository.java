package dev.jpsync.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
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

    public List<Change> findAll() {
        return jdbc.sql("SELECT id, entity, entity_id, op, payload, changed_at FROM change_log ORDER BY id")
                .query(ChangeLogRepository::mapChange)
                .list();
    }

    static Change mapChange(ResultSet rs, int row) throws SQLException {
        return new Change(
                rs.getLong("id"),
                EntityKind.valueOf(rs.getString("entity")),
                rs.getLong("entity_id"),
                ChangeOp.valueOf(rs.getString("op")),
                rs.getString("payload"),
                rs.getTimestamp("changed_at").toInstant());
    }
}
