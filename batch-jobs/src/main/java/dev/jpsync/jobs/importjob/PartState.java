package dev.jpsync.jobs.importjob;

import java.util.Map;
import java.util.Set;

/**
 * What the database holds for the upstream records of one part of a chunk, read under the part's row locks, and
 * the decision for each record (pure: no I/O). Ids are local ids unless named remote.
 *
 * @param matched       remote id -> the local row that holds it
 * @param taken         upstream ids (of records no row holds) that another row holds as its local id
 * @param withLocalWork local ids with change-log entries or an open sync failure: work the remote has not accepted
 * @param deletedHere   remote ids of records deleted here whose deletion the remote has not accepted
 * @param parents       the parent's remote id -> its local row (comments: their post), or {@code null} for a
 *                      table without a parent
 */
record PartState(Map<Long, Long> matched, Set<Long> taken, Set<Long> withLocalWork, Set<Long> deletedHere,
                 Map<Long, Long> parents) {

    enum Action {
        /** upsert the record under {@code localId} (with {@code parentId}, if it has a parent) */
        WRITE,
        /** leave the local row as it is: local work the remote has not accepted */
        KEEP,
        /** its upstream id is another row's local id: insert it under a new id at the end of the step */
        RELOCATE
    }

    /** @param newRow a write of a record that no row holds, under an id no row has: a plain insert */
    record Decision(Action action, long localId, Long parentId, boolean newRow) {

        static final Decision KEEP = new Decision(Action.KEEP, 0, null, false);
        static final Decision RELOCATE = new Decision(Action.RELOCATE, 0, null, false);
    }

    /**
     * The decision for one upstream record, in this order: a comment whose post has no row here is kept out (its
     * post was deleted here); a record no row holds is kept out when it was deleted here, relocated when its id
     * is taken; a record whose row (or whose id, when no row holds it) has local work is kept out; anything else
     * is written.
     *
     * @param parentRemoteId the parent's remote id, {@code null} for a table without a parent
     */
    Decision decide(long remoteId, Long parentRemoteId) {
        Long parentId = null;
        if (parentRemoteId != null) {
            parentId = parents.get(parentRemoteId);
            if (parentId == null) {
                return Decision.KEEP;
            }
        }
        Long row = matched.get(remoteId);
        if (row == null && deletedHere.contains(remoteId)) {
            return Decision.KEEP;
        }
        if (row == null && taken.contains(remoteId)) {
            return Decision.RELOCATE;
        }
        long localId = row != null ? row : remoteId;
        if (withLocalWork.contains(localId)) {
            return Decision.KEEP;
        }
        return new Decision(Action.WRITE, localId, parentId, row == null);
    }
}
