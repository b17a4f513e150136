package dev.jpsync.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts a record back into {@code change_log} for the next export: the one writer of the change log besides the
 * triggers (re-touching the record would log nothing: an UPDATE that changes no column is not captured). Used by
 * the retry of a sync failure and by a local-truth drift repair. Joins the caller's transaction.
 */
@Component
public class ChangeRequeue {

    private final JdbcClient jdbc;

    public ChangeRequeue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Logs the record's state now, in the triggers' payload shape. A CREATE of a record that has a remote id is
     * logged as UPDATE, so that the export does not create it twice on the remote.
     *
     * @return the new change-log id; empty when the record does not exist (any more)
     */
    public java.util.OptionalLong logCurrentState(EntityKind kind, long entityId, ChangeOp op) {
        String sql = switch (kind) {
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
        return jdbc.sql(sql).params(op.name(), entityId).update() == 0 ? java.util.OptionalLong.empty() : lastId();
    }

    /**
     * Logs a deletion with the given payload (which carries the {@code remoteId} to delete).
     *
     * @return the new change-log id
     */
    public long logDeletion(EntityKind kind, long entityId, String payload) {
        jdbc.sql("INSERT INTO change_log (entity, entity_id, op, payload, changed_at) VALUES (?, ?, 'DELETE', ?, NOW(6))")
                .params(kind.name(), entityId, payload)
                .update();
        return lastId().getAsLong();
    }

    private java.util.OptionalLong lastId() {
        return java.util.OptionalLong.of(jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single());
    }
}
