package dev.jpsync.jobs.verifyjob;

import dev.jpsync.domain.EntityKind;

/**
 * Decides what a repair does to one report row (pure, no I/O): the call the next export will make for a
 * local-truth repair, or the row write for a remote-truth one; or why it does nothing.
 */
public final class RepairPlanner {

    /** What to do. */
    public enum Action {
        /** local truth: queue the record's state as a CREATE (POST), forgetting the remote id the remote lost */
        QUEUE_CREATE,
        /** local truth: queue the record's state as an UPDATE (PUT) */
        QUEUE_UPDATE,
        /** local truth: queue a DELETE of the remote record no local record is mapped to */
        QUEUE_DELETE,
        /** remote truth: insert the remote record here */
        INSERT_HERE,
        /** remote truth: overwrite the local record with the remote's version */
        UPDATE_HERE,
        /** remote truth: delete the local record the remote does not have */
        DELETE_HERE,
        /** nothing: see the reason */
        NONE
    }

    /**
     * @param description for an operator, e.g. {@code PUT /posts/7} (sent by the next export) or {@code UPDATE posts 7}
     */
    public record Plan(Action action, String description) {
    }

    private RepairPlanner() {
    }

    public static Plan plan(DriftEntry row, SourceOfTruth truth, RepairScope scope) {
        if (row.repairedAt() != null) {
            return none("already repaired at " + row.repairedAt() + ": " + row.repair());
        }
        if (row.kind() == DriftKind.PENDING) {
            return none("pending: the next export sends the local changes");
        }
        String resource = row.entity().resource();
        return truth == SourceOfTruth.LOCAL ? local(row, scope, resource) : remote(row, scope, resource);
    }

    private static Plan local(DriftEntry row, RepairScope scope, String resource) {
        return switch (row.kind()) {
            case MISSING_REMOTE -> new Plan(Action.QUEUE_CREATE, "POST /" + resource + " (next export)");
            case DIFFERS -> scope == RepairScope.INSERT_ONLY ? none("an update, and the repair is insert-only")
                    : new Plan(Action.QUEUE_UPDATE, "PUT /" + resource + "/" + row.remoteId() + " (next export)");
            case MISSING_LOCAL -> scope != RepairScope.ALL ? none("a delete, and the repair is " + name(scope))
                    : new Plan(Action.QUEUE_DELETE, "DELETE /" + resource + "/" + row.remoteId() + " (next export)");
            case PENDING -> throw new IllegalStateException("pending rows are not repaired");
        };
    }

    private static Plan remote(DriftEntry row, RepairScope scope, String resource) {
        if (row.entity() == EntityKind.COMMENT && row.kind() != DriftKind.MISSING_REMOTE && row.remoteState() != null
                && row.remoteState().get("postId") == null) {
            return none("the remote comment has no postId");
        }
        return switch (row.kind()) {
            case MISSING_LOCAL -> new Plan(Action.INSERT_HERE, "INSERT " + resource + " (remote id " + row.remoteId() + ")");
            case DIFFERS -> scope == RepairScope.INSERT_ONLY ? none("an update, and the repair is insert-only")
                    : new Plan(Action.UPDATE_HERE, "UPDATE " + resource + " " + row.localId() + " " + row.fields());
            case MISSING_REMOTE -> scope != RepairScope.ALL ? none("a delete, and the repair is " + name(scope))
                    : new Plan(Action.DELETE_HERE, "DELETE " + resource + " " + row.localId());
            case PENDING -> throw new IllegalStateException("pending rows are not repaired");
        };
    }

    private static String name(RepairScope scope) {
        return scope.name().toLowerCase().replace('_', '-');
    }

    private static Plan none(String why) {
        return new Plan(Action.NONE, why);
    }
}
