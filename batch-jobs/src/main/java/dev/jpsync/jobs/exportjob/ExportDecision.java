package dev.jpsync.jobs.exportjob;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.RemoteIdMap.Mapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides the call a net change needs, from the net change and what the database knows now. No I/O: the
 * writer reads {@link KnownRemoteIds} for a whole batch first.
 * <ul>
 * <li>A DELETE whose remote id a live local row carries now is no call: the row's primary key changed, and
 * the new row's own change sends its state to that remote id.</li>
 * <li>A row that carries a remote id is PUT to it (whether its window began with a CREATE or not).</li>
 * <li>A row without one whose entries knew a remote id that no other row carries now (deleted and inserted
 * again with the same id) is PUT to that id, which is then stored on the row.</li>
 * <li>Otherwise it is POSTed; looked up on the remote first when an earlier execution may have posted it.</li>
 * <li>A comment needs its post's remote id: it waits while the post still has pending entries, and is refused
 * when the post is not on the remote and nothing is pending (refused or parked itself).</li>
 * </ul>
 */
public final class ExportDecision {

    private ExportDecision() {
    }

    /** Whether deciding this net change needs to know which local row carries its known remote id. */
    public static boolean needsOwnerOfKnownRemoteId(NetChange change, Mapping row) {
        return change.knownRemoteId() != null
                && (change.action() == NetChange.Action.DELETE || row.exists() && row.remoteId() == null);
    }

    public static RemoteCall decide(ExportItem item, KnownRemoteIds known) {
        NetChange change = item.change();
        EntityKind kind = change.entity();
        switch (change.action()) {
            case NONE:
                return RemoteCall.without(RemoteCall.Kind.NONE, kind, "created and deleted, or never on the remote");
            case DELETE:
                Long owner = known.ownerOf(kind, change.knownRemoteId());
                if (owner != null) {
                    return RemoteCall.without(RemoteCall.Kind.NONE, kind, "remote " + kind.resource() + "/"
                            + change.knownRemoteId() + " now belongs to local id " + owner + " (primary key changed)");
                }
                return RemoteCall.delete(kind, change.knownRemoteId());
            default:
                break;
        }
        Mapping row = known.row(kind, change.entityId());
        if (!row.exists()) {
            // deleted after the window was fixed: its DELETE entry is pending and decides in the next run
            return RemoteCall.without(RemoteCall.Kind.NONE, kind, "deleted since");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (kind == EntityKind.POST) {
            body.put("userId", item.state().get("userId").asLong());
            body.put("title", item.state().get("title").asString());
            body.put("body", item.state().get("body").asString());
        } else {
            long localPostId = item.state().get("postId").asLong();
            Mapping post = known.row(EntityKind.POST, localPostId);
            if (post.remoteId() == null) {
                if (!post.exists()) {
                    // the post (and with it this comment) was deleted after the window: the next run deletes
                    return RemoteCall.without(RemoteCall.Kind.NONE, kind, "its post was deleted since");
                }
                if (known.isPending(localPostId)) {
                    return RemoteCall.without(RemoteCall.Kind.WAIT, kind, "post " + localPostId
                            + " of this comment is not on the remote yet; its own change is pending");
                }
                return RemoteCall.without(RemoteCall.Kind.REFUSE, kind, "post " + localPostId
                        + " of this comment is not on the remote (no remote id: refused or parked, see its sync failure)");
            }
            body.put("postId", post.remoteId());
            body.put("name", item.state().get("name").asString());
            body.put("email", item.state().get("email").asString());
            body.put("body", item.state().get("body").asString());
        }
        if (row.remoteId() != null) {
            return RemoteCall.put(kind, row.remoteId(), body.put("id", row.remoteId()), false);
        }
        if (change.knownRemoteId() != null && known.ownerOf(kind, change.knownRemoteId()) == null) {
            return RemoteCall.put(kind, change.knownRemoteId(), body.put("id", change.knownRemoteId()), true);
        }
        // a CREATE, or an UPDATE of a record that never reached the remote (its POST was refused earlier)
        return RemoteCall.post(kind, body, known.createMayHaveBeenSent(kind, change.entityId()));
    }

    /** The fields of a record in the remote's shape, all of which a found record must equal. */
    static boolean sameRecord(ObjectNode body, JsonNode candidate) {
        for (var field : body.properties()) {
            JsonNode theirs = candidate.get(field.getKey());
            if (theirs == null || !field.getValue().asString().equals(theirs.asString())) {
                return false;
            }
        }
        return true;
    }
}
