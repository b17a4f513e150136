package dev.jpsync.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one thing to do on the remote for one record, folded from all of its change-log entries in a
 * window (the net-change table in the README):
 * <table>
 * <tr><th>entries of the record, in id order</th><th>action</th></tr>
 * <tr><td>CREATE, then any UPDATEs, no remote id in any entry</td><td>{@link Action#CREATE} (POST) with the latest state</td></tr>
 * <tr><td>CREATE ... DELETE, no remote id in any entry</td><td>{@link Action#NONE}</td></tr>
 * <tr><td>UPDATEs only, or any entry carrying a remote id</td><td>{@link Action#UPDATE} (PUT) with the latest state</td></tr>
 * <tr><td>any UPDATEs, then DELETE</td><td>{@link Action#DELETE}</td></tr>
 * <tr><td>DELETE of a record without remote id</td><td>{@link Action#NONE}</td></tr>
 * </table>
 * Generalised: the record exists on the remote before the window unless its first entry is a CREATE and no
 * entry carries a remote id, and exists after it unless its last entry is a DELETE. A DELETE followed by a CREATE of the same id (a row re-inserted
 * with an old id) therefore folds into an UPDATE of the remote record.
 *
 * @param entity        posts or comments
 * @param entityId      the local id
 * @param action        what to do on the remote
 * @param latestPayload the payload of the last entry (for DELETE: the state before the deletion)
 * @param knownRemoteId the newest remote id any of the entries carried, null when none did
 * @param changeIds     the change-log ids folded into this net change, ascending
 */
public record NetChange(EntityKind entity, long entityId, Action action, String latestPayload, Long knownRemoteId,
                        List<Long> changeIds) {

    /** The call a net change needs. */
    public enum Action {
        CREATE,
        UPDATE,
        DELETE,
        NONE
    }

    public NetChange {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(action, "action");
        changeIds = List.copyOf(changeIds);
        if (changeIds.isEmpty()) {
            throw new IllegalArgumentException("a net change folds at least one entry");
        }
    }

    /**
     * Folds the entries of one record, in change-log id order.
     *
     * @param remoteIdOfPayload reads {@code remoteId} out of an entry's payload (null when absent), so that
     *                          this stays free of a JSON library
     */
    public static NetChange fold(List<Change> entries, Function<String, Long> remoteIdOfPayload) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to fold");
        }
        Change first = entries.get(0);
        Change last = entries.get(entries.size() - 1);
        List<Long> ids = new ArrayList<>(entries.size());
        Long remoteId = null;
        long previousId = Long.MIN_VALUE;
        for (Change c : entries) {
            if (c.entity() != first.entity() || c.entityId() != first.entityId()) {
                throw new IllegalArgumentException("entries of different records: " + first + " and " + c);
            }
            if (c.id() <= previousId) {
                throw new IllegalArgumentException("entries must be in ascending id order: " + entries);
            }
            previousId = c.id();
            ids.add(c.id());
            Long r = remoteIdOfPayload.apply(c.payload());
            if (r != null) {
                remoteId = r;
            }
        }
        // a remote id in any entry means the remote has the record, whatever the first entry says (a POST
        // whose remote id committed but whose outcome did not, a row inserted with its remote id)
        boolean existedBefore = first.op() != ChangeOp.CREATE || remoteId != null;
        boolean existsAfter = last.op() != ChangeOp.DELETE;
        Action action;
        if (!existedBefore) {
            action = existsAfter ? Action.CREATE : Action.NONE;
        } else if (existsAfter) {
            action = Action.UPDATE;
        } else {
            // never exported (no remote id anywhere in its entries): the remote has nothing to delete
            action = remoteId == null ? Action.NONE : Action.DELETE;
        }
        return new NetChange(first.entity(), first.entityId(), action, last.payload(), remoteId, ids);
    }

    /**
     * Folds entries of any records, in change-log id order, into one net change per record: posts first,
     * then comments (a comment may need its post's remote id), each kind in order of local id.
     */
    public static List<NetChange> foldAll(List<Change> entries, Function<String, Long> remoteIdOfPayload) {
        Map<EntityKind, Map<Long, List<Change>>> byRecord = new LinkedHashMap<>();
        for (EntityKind kind : EntityKind.values()) {
            byRecord.put(kind, new TreeMap<>());
        }
        for (Change c : entries) {
            byRecord.get(c.entity()).computeIfAbsent(c.entityId(), id -> new ArrayList<>()).add(c);
        }
        List<NetChange> result = new ArrayList<>();
        for (Map<Long, List<Change>> records : byRecord.values()) {
            for (List<Change> recordEntries : records.values()) {
                recordEntries.sort(Comparator.comparingLong(Change::id));
                result.add(fold(recordEntries, remoteIdOfPayload));
            }
        }
        return result;
    }
}
