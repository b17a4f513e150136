package dev.jpsync.domain;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which remote record each local record is: {@code posts.remote_id} and {@code comments.remote_id}
 * (NULL = not on the remote yet). The column is UNIQUE, so one remote id can never be mapped twice.
 */
@Repository
public class RemoteIdMap {

    /** What became of an attempt to store a remote id. */
    public enum Assignment {
        ASSIGNED,
        /** the local row is gone (deleted while its POST was on the way) */
        RECORD_GONE,
        /** another local row already has this remote id; the mapping was left as it was */
        REMOTE_ID_TAKEN
    }

    private final JdbcClient jdbc;
    private final CaptureSuppression captureSuppression;

    public RemoteIdMap(JdbcClient jdbc, CaptureSuppression captureSuppression) {
        this.jdbc = jdbc;
        this.captureSuppression = captureSuppression;
    }

    /** The remote id of a local row; empty when the row does not exist or has none. */
    public Optional<Long> remoteIdOf(EntityKind kind, long localId) {
        return jdbc.sql("SELECT remote_id FROM " + table(kind) + " WHERE id = ?")
                .param(localId)
                .query((rs, row) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                })
                .optional();
    }

    /** A local row's presence and remote id, read in one query. */
    public record Mapping(boolean exists, Long remoteId) {

        public static final Mapping ABSENT = new Mapping(false, null);
    }

    public Mapping lookup(EntityKind kind, long localId) {
        return jdbc.sql("SELECT remote_id FROM " + table(kind) + " WHERE id = ?")
                .param(localId)
                .query((rs, row) -> {
                    long v = rs.getLong(1);
                    return new Mapping(true, rs.wasNull() ? null : v);
                })
                .optional()
                .orElse(Mapping.ABSENT);
    }

    /** Whether the local row exists (now, in the caller's transaction or a fresh one). */
    public boolean exists(EntityKind kind, long localId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table(kind) + " WHERE id = ?").param(localId)
                .query(Long.class).single() > 0;
    }

    /** The local row mapped to a remote id, if any. */
    public Optional<Long> localIdOf(EntityKind kind, long remoteId) {
        return jdbc.sql("SELECT id FROM " + table(kind) + " WHERE remote_id = ?").param(remoteId)
                .query(Long.class).optional();
    }

    /**
     * Stores the remote id the remote gave a record, with change capture off (bookkeeping is no change to
     * send back), and runs {@code alsoOnSuccess} in the same transaction. Never overwrites another row's
     * mapping: the UNIQUE column refuses it, and nothing of the transaction is kept then.
     */
    public Assignment assign(EntityKind kind, long localId, long remoteId, Runnable alsoOnSuccess) {
        try {
            return captureSuppression.call(() -> {
                int updated = jdbc.sql("UPDATE " + table(kind) + " SET remote_id = ? WHERE id = ?")
                        .params(remoteId, localId)
                        .update();
                if (updated == 1) {
                    alsoOnSuccess.run();
                    return Assignment.ASSIGNED;
                }
                return Assignment.RECORD_GONE;
            });
        } catch (DuplicateKeyException e) {
            return Assignment.REMOTE_ID_TAKEN;
        }
    }

    private static String table(EntityKind kind) {
        return switch (kind) {
            case POST -> "posts";
            case COMMENT -> "comments";
        };
    }
}
