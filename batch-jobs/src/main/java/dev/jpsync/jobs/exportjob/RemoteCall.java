package dev.jpsync.jobs.exportjob;

import org.springframework.http.HttpMethod;

import dev.jpsync.domain.EntityKind;
import tools.jackson.databind.node.ObjectNode;

/**
 * The call a net change needs ({@link ExportDecision}), or why it needs none.
 *
 * @param kind            what to do
 * @param entity          posts or comments
 * @param remoteId        the remote record a PUT or DELETE addresses; null for a POST and for no call
 * @param body            the record in the remote's shape, for POST and PUT
 * @param mayExistAlready a POST that an earlier execution may have sent without recording its outcome: look
 *                        the record up on the remote before posting it
 * @param storeRemoteId   a PUT to a remote id the local row does not carry (deleted and inserted again with the
 *                        same id): store it on the row once the remote has accepted the call
 * @param reason          for {@link Kind#NONE}, {@link Kind#WAIT} and {@link Kind#REFUSE}: why
 */
public record RemoteCall(Kind kind, EntityKind entity, Long remoteId, ObjectNode body, boolean mayExistAlready,
                  boolean storeRemoteId, String reason) {

    public enum Kind {
        POST,
        PUT,
        DELETE,
        /** nothing to send: the entries are done */
        NONE,
        /** not now: the entries stay pending for a later run (a comment whose post is still on its way) */
        WAIT,
        /** cannot be sent: recorded as refused without a call */
        REFUSE
    }

    static RemoteCall post(EntityKind entity, ObjectNode body, boolean mayExistAlready) {
        return new RemoteCall(Kind.POST, entity, null, body, mayExistAlready, false, null);
    }

    static RemoteCall put(EntityKind entity, long remoteId, ObjectNode body, boolean storeRemoteId) {
        return new RemoteCall(Kind.PUT, entity, remoteId, body, false, storeRemoteId, null);
    }

    static RemoteCall delete(EntityKind entity, long remoteId) {
        return new RemoteCall(Kind.DELETE, entity, remoteId, null, false, false, null);
    }

    static RemoteCall without(Kind kind, EntityKind entity, String reason) {
        return new RemoteCall(kind, entity, null, null, false, false, reason);
    }

    public boolean isCall() {
        return kind == Kind.POST || kind == Kind.PUT || kind == Kind.DELETE;
    }

    public HttpMethod method() {
        return HttpMethod.valueOf(kind.name());
    }

    /** {@code /posts} for a POST, {@code /posts/7} for a PUT or DELETE. */
    public String path() {
        return "/" + entity.resource() + (remoteId == null ? "" : "/" + remoteId);
    }
}
