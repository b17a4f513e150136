package dev.jpsync.jobs.exportjob;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.RemoteIdMap;

/**
 * The call the export would make for a net change, given what the database knows now (pure): the same choice
 * {@link NetChangeSender} makes before it calls, without calling. Kept apart and small so that it can give way to
 * the export's own decision once that is a class of its own.
 */
final class ExportCallPreview {

    /** {@code method} and {@code path} null when nothing would be sent; {@code note} says why, or a caveat. */
    record Call(String method, String path, String note) {
    }

    private ExportCallPreview() {
    }

    /**
     * @param row  the record's presence and remote id now
     * @param post for a comment: its post's presence and remote id now (null for a post)
     * @param postCreatedFirst for a comment whose post has no remote id: whether that post's own POST is pending
     *                         (posts go first, so the comment's postId is then known when it is sent)
     */
    static Call callFor(NetChange change, RemoteIdMap.Mapping row, RemoteIdMap.Mapping post, boolean postCreatedFirst) {
        String collection = "/" + change.entity().resource();
        switch (change.action()) {
            case NONE -> {
                return new Call(null, null, "nothing to send: the record never reached the remote and is gone");
            }
            case DELETE -> {
                return new Call("DELETE", collection + "/" + change.knownRemoteId(), null);
            }
            default -> {
                if (!row.exists()) {
                    return new Call(null, null, "deleted since: its pending deletion decides");
                }
                if (change.entity() == EntityKind.COMMENT && post.remoteId() == null) {
                    if (!post.exists()) {
                        return new Call(null, null, "its post was deleted since: the deletions decide");
                    }
                    if (!postCreatedFirst) {
                        return new Call(null, null, "skipped: its post is not on the remote (no remote id)");
                    }
                }
                String note = change.entity() == EntityKind.COMMENT && post.remoteId() == null
                        ? "postId: the remote id its post gets from its own POST, sent first" : null;
                if (row.remoteId() != null) {
                    return new Call("PUT", collection + "/" + row.remoteId(), note);
                }
                if (change.action() == NetChange.Action.UPDATE && change.knownRemoteId() != null) {
                    return new Call("PUT", collection + "/" + change.knownRemoteId(), note);
                }
                return new Call("POST", collection, note);
            }
        }
    }
}
