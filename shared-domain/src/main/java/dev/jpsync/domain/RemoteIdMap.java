package dev.jpsync.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
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

    public RemoteIdMap(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A local row's presence and remote id. */
    public record Mapping(boolean exists, Long remoteId) {

        public static final Mapping ABSENT = new Mapping(false, null);
    }

    /**
     * Each local row's presence and remote id, in one query per {@value SqlLists#BATCH} ids: every given id is in the answer, as
     * {@link Mapping#ABSENT} when its row does not exist.
     */
    public Map<Long, Mapping> lookupAll(EntityKind kind, Collection<Long> localIds) {
        List<Long> ids = localIds.stream().distinct().toList();
        Map<Long, Mapping> mappings = new HashMap<>();
        for (List<Long> part : SqlLists.partition(ids)) {
            jdbc.sql("SELECT id, remote_id FROM " + table(kind) + " WHERE id IN (" + SqlLists.placeholders(part.size()) + ")")
                    .params(new ArrayList<Object>(part))
                    .query((RowCallbackHandler) rs -> {
                        long id = rs.getLong(1);
                        long remoteId = rs.getLong(2);
                        mappings.put(id, new Mapping(true, rs.wasNull() ? null : remoteId));
                    });
        }
        ids.forEach(id -> mappings.putIfAbsent(id, Mapping.ABSENT));
        return mappings;
    }

    /** For each of these remote ids that a local row is mapped to, that row's id (one query per batch). */
    public Map<Long, Long> localIdsOf(EntityKind kind, Collection<Long> remoteIds) {
        Map<Long, Long> local = new HashMap<>();
        for (List<Long> part : SqlLists.partition(remoteIds.stream().distinct().toList())) {
            jdbc.sql("SELECT remote_id, id FROM " + table(kind) + " WHERE remote_id IN (" + SqlLists.placeholders(part.size()) + ")")
                    .params(new ArrayList<Object>(part))
                    .query((RowCallbackHandler) rs -> local.put(rs.getLong(1), rs.getLong(2)));
        }
        return local;
    }

    /** The local row mapped to a remote id, if any. */
    public Optional<Long> localIdOf(EntityKind kind, long remoteId) {
        return jdbc.sql("SELECT id FROM " + table(kind) + " WHERE remote_id = ?").param(remoteId)
                .query(Long.class).optional();
    }

    /**
     * Stores the remote id the remote gave a record, committed at once (with the caller's transaction, if
     * any). One statement that changes nothing but {@code remote_id}: the capture triggers never log that
     * (bookkeeping is no change to send back, CaptureTriggersTest), so it needs no capture suppression, which
     * would cost a transaction and four statements more per POST. Never overwrites another row's mapping:
     * the UNIQUE column refuses it, and nothing is changed then.
     */
    public Assignment assign(EntityKind kind, long localId, long remoteId) {
        try {
            int updated = jdbc.sql("UPDATE " + table(kind) + " SET remote_id = ? WHERE id = ?")
                    .params(remoteId, localId)
                    .update();
            return updated == 1 ? Assignment.ASSIGNED : Assignment.RECORD_GONE;
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
