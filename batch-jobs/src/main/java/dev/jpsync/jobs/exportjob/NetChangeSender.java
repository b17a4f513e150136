package dev.jpsync.jobs.exportjob;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.jpsync.domain.ChangeLogArchive;
import dev.jpsync.domain.ChangeOp;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.ExportOutcome;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.RemoteIdMap;
import dev.jpsync.domain.SyncFailure;
import dev.jpsync.domain.SyncFailureRepository;
import dev.jpsync.jobs.support.SyncMetrics;
import dev.jpsync.jobs.support.SyncMetrics.CallOutcome;
import dev.jpsync.jobs.remote.RemoteExchange;
import dev.jpsync.jobs.remote.RemoteResponse;
import dev.jpsync.jobs.remote.RemoteUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one net change to the remote and records, as soon as the remote has answered, what became of it:
 * the remote id a POST returned, the outcome of each folded entry, and a {@code sync_failure} row for a
 * refusal. Every HTTP attempt is counted in {@link SyncMetrics} ({@code sync.export.calls}: sent, skipped,
 * retried, failed) and every refusal as a skip. Thread-safe; called concurrently by {@link NetChangeWriter}.
 */
class NetChangeSender {

    private static final Logger log = LoggerFactory.getLogger(NetChangeSender.class);

    private final RemoteExchange remote;
    private final RemoteIdMap remoteIds;
    private final ChangeLogArchive outcomes;
    private final SyncFailureRepository failures;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final SyncMetrics metrics;
    private final ThreadLocal<Queue<Decided>> decided = new ThreadLocal<>();

    NetChangeSender(RemoteExchange remote, RemoteIdMap remoteIds, ChangeLogArchive outcomes,
                    SyncFailureRepository failures, JsonMapper json, PlatformTransactionManager transactionManager,
                    SyncMetrics metrics) {
        this.remote = remote;
        this.remoteIds = remoteIds;
        this.outcomes = outcomes;
        this.failures = failures;
        this.json = json;
        this.transaction = new TransactionTemplate(transactionManager);
        this.metrics = metrics;
    }

    /**
     * @throws RemoteUnavailableException when the remote did not answer within the retry policy; nothing is
     *                                    recorded then, so the change stays pending
     */
    ExportOutcome send(NetChange change, Mappings mappings, long executionId, Queue<Decided> decided) {
        this.decided.set(decided);
        try {
            return decide(change, mappings, executionId);
        } finally {
            this.decided.remove();
        }
    }

    /**
     * The local rows' remote ids as read for a batch of calls (one query per batch instead of one per call);
     * rows not read beforehand are looked up on demand.
     */
    static final class Mappings {

        private final RemoteIdMap remoteIds;
        private final Map<EntityKind, Map<Long, RemoteIdMap.Mapping>> read = new EnumMap<>(EntityKind.class);

        Mappings(RemoteIdMap remoteIds) {
            this.remoteIds = remoteIds;
        }

        /** Reads these rows now, in one query. */
        Mappings prefetch(EntityKind kind, Collection<Long> localIds) {
            if (!localIds.isEmpty()) {
                read.computeIfAbsent(kind, k -> new HashMap<>()).putAll(remoteIds.lookupAll(kind, localIds));
            }
            return this;
        }

        RemoteIdMap.Mapping of(EntityKind kind, long localId) {
            RemoteIdMap.Mapping known = read.getOrDefault(kind, Map.of()).get(localId);
            return known != null ? known : remoteIds.lookup(kind, localId);
        }
    }

    /** The local post a comment's latest state belongs to. */
    long localPostIdOf(NetChange comment) {
        return json.readTree(comment.latestPayload()).get("postId").asLong();
    }

    /** An outcome to record with the chunk (see {@link NetChangeWriter}). */
    record Decided(List<Long> changeIds, ExportOutcome outcome) {
    }

    private ExportOutcome decide(NetChange change, Mappings mappings, long executionId) {
        if (change.action() == NetChange.Action.NONE) {
            return done(change, executionId, ExportOutcome.NOTHING_TO_SEND);
        }
        if (change.action() == NetChange.Action.DELETE) {
            return delete(change, executionId);
        }
        RemoteIdMap.Mapping row = mappings.of(change.entity(), change.entityId());
        if (!row.exists()) {
            // deleted after the window was fixed: its DELETE entry is pending and decides in the next run
            // (a DELETE of a record that never got a remote id sends nothing)
            return done(change, executionId, ExportOutcome.NOTHING_TO_SEND);
        }
        if (row.remoteId() != null) {
            // for a CREATE: already on the remote (inserted with its remote id, or re-created with an old id)
            return put(change, mappings, row.remoteId(), executionId);
        }
        if (change.action() == NetChange.Action.UPDATE && change.knownRemoteId() != null) {
            return put(change, mappings, change.knownRemoteId(), executionId);
        }
        // a CREATE, or an UPDATE of a record that never reached the remote (its POST was refused earlier)
        return create(change, mappings, executionId);
    }

    private ExportOutcome create(NetChange change, Mappings mappings, long executionId) {
        RemoteState state = remoteState(change, mappings, executionId);
        if (state.decided() != null) {
            return state.decided();
        }
        RemoteResponse response = call(HttpMethod.POST, "/" + change.entity().resource(), write(state.body()));
        if (!response.isSuccess()) {
            metrics.exportCall("POST", CallOutcome.SKIPPED);
            return refused(change, executionId, response, "the remote refused the POST");
        }
        Long remoteId = idOf(response.body());
        if (remoteId == null) {
            metrics.exportCall("POST", CallOutcome.SKIPPED);
            return refused(change, executionId, response, "the remote's answer to the POST carries no id");
        }
        // the remote id commits right after the answer; the outcome is recorded with the others of the batch
        // (a restart that finds the remote id but no outcome sends a PUT, never a second POST)
        return switch (remoteIds.assign(change.entity(), change.entityId(), remoteId)) {
            case ASSIGNED -> {
                metrics.exportCall("POST", CallOutcome.SENT);
                yield done(change, executionId, ExportOutcome.SENT);
            }
            case REMOTE_ID_TAKEN -> {
                metrics.exportCall("POST", CallOutcome.SKIPPED);
                yield refused(change, executionId, response, "the remote answered id " + remoteId
                    + ", which is already mapped to " + change.entity().name().toLowerCase() + " "
                    + remoteIds.localIdOf(change.entity(), remoteId).map(String::valueOf).orElse("?")
                    + "; the mapping was kept and this record stays without remote id");
            }
            case RECORD_GONE -> {
                metrics.exportCall("POST", CallOutcome.SENT);
                // deleted here while the POST was on its way; its DELETE entry knew no remote id, so undo now
                RemoteResponse undo = call(HttpMethod.DELETE, path(change.entity(), remoteId), null);
                metrics.exportCall("DELETE", undo.isSuccess() ? CallOutcome.SENT : CallOutcome.SKIPPED);
                yield done(change, executionId, ExportOutcome.SENT);
            }
        };
    }

    private ExportOutcome put(NetChange change, Mappings mappings, long remoteId, long executionId) {
        RemoteState state = remoteState(change, mappings, executionId);
        if (state.decided() != null) {
            return state.decided();
        }
        state.body().put("id", remoteId);
        RemoteResponse response = call(HttpMethod.PUT, path(change.entity(), remoteId), write(state.body()));
        if (!response.isSuccess()) {
            metrics.exportCall("PUT", CallOutcome.SKIPPED);
            return refused(change, executionId, response, "the remote refused the PUT");
        }
        metrics.exportCall("PUT", CallOutcome.SENT);
        return done(change, executionId, ExportOutcome.SENT);
    }

    private ExportOutcome delete(NetChange change, long executionId) {
        long remoteId = change.knownRemoteId();
        RemoteResponse response = call(HttpMethod.DELETE, path(change.entity(), remoteId), null);
        // already gone is what we wanted (e.g. a remote that deleted a post's comments with the post)
        if (response.isSuccess() || response.status() == 404 || response.status() == 410) {
            metrics.exportCall("DELETE", CallOutcome.SENT);
            return done(change, executionId, ExportOutcome.SENT);
        }
        metrics.exportCall("DELETE", CallOutcome.SKIPPED);
        return refused(change, executionId, response, "the remote refused the DELETE");
    }

    /**
     * One call with the retry policy; the attempts that were repeated count as {@code retried}, and a call
     * that never got a usable answer as {@code failed}. The caller counts the final answer (sent or skipped).
     */
    private RemoteResponse call(HttpMethod method, String path, String body) {
        try {
            RemoteResponse response = remote.call(method, path, body);
            countRetries(method, response.attempts());
            return response;
        } catch (RemoteUnavailableException e) {
            countRetries(method, e.attempts());
            metrics.exportCall(method.name(), CallOutcome.FAILED);
            throw e;
        }
    }

    private void countRetries(HttpMethod method, int attempts) {
        for (int i = 1; i < attempts; i++) {
            metrics.exportCall(method.name(), CallOutcome.RETRIED);
        }
    }

    /** The body to send, or the outcome already decided (and recorded) when there is nothing to send. */
    private record RemoteState(ObjectNode body, ExportOutcome decided) {
    }

    /** The record's latest state in the remote's shape, a comment's postId translated to the post's remote id. */
    private RemoteState remoteState(NetChange change, Mappings mappings, long executionId) {
        JsonNode payload = json.readTree(change.latestPayload());
        ObjectNode body = json.createObjectNode();
        if (change.entity() == EntityKind.POST) {
            body.put("userId", payload.get("userId").asLong());
            body.put("title", payload.get("title").asString());
            body.put("body", payload.get("body").asString());
            return new RemoteState(body, null);
        }
        long localPostId = payload.get("postId").asLong();
        RemoteIdMap.Mapping post = mappings.of(EntityKind.POST, localPostId);
        if (post.remoteId() == null) {
            if (!post.exists()) {
                // the post (and with it this comment) was deleted after the window: the next run deletes
                return new RemoteState(null, done(change, executionId, ExportOutcome.NOTHING_TO_SEND));
            }
            failed(change, executionId, null, "post " + localPostId
                    + " of this comment is not on the remote (no remote id: not exported or refused)", 0, null);
            return new RemoteState(null, ExportOutcome.SKIPPED);
        }
        body.put("postId", post.remoteId());
        body.put("name", payload.get("name").asString());
        body.put("email", payload.get("email").asString());
        body.put("body", payload.get("body").asString());
        return new RemoteState(body, null);
    }

    /**
     * Outcomes are recorded with the batch of calls, in one statement. A POST's remote id has committed on its
     * own before (see create), so a POST whose outcome is lost is followed by a PUT, not by a second POST.
     */
    private ExportOutcome done(NetChange change, long executionId, ExportOutcome outcome) {
        decided.get().add(new Decided(change.changeIds(), outcome));
        return outcome;
    }

    private ExportOutcome refused(NetChange change, long executionId, RemoteResponse response, String reason) {
        failed(change, executionId, response, reason + " (HTTP " + response.status() + ")", response.attempts(),
                response.body());
        return ExportOutcome.SKIPPED;
    }

    private void failed(NetChange change, long executionId, RemoteResponse response, String reason, int attempts,
                        String snippet) {
        log.info("{} {} skipped: {}", change.entity().name().toLowerCase(), change.entityId(), reason);
        transaction.executeWithoutResult(status -> {
            metrics.skipped(ExportJobConfiguration.JOB_NAME, change.entity()); // counted when this commits
            failures.record(SyncFailure.refused(change.entity(), change.entityId(), netOp(change), change.latestPayload(),
                    response == null ? null : response.method(), response == null ? null : response.url(),
                    response == null ? null : response.status(), snippet, reason, attempts, executionId));
            outcomes.recordOutcome(change.changeIds(), executionId, ExportOutcome.SKIPPED);
        });
    }

    private static ChangeOp netOp(NetChange change) {
        return switch (change.action()) {
            case CREATE, NONE -> ChangeOp.CREATE;
            case UPDATE -> ChangeOp.UPDATE;
            case DELETE -> ChangeOp.DELETE;
        };
    }

    private Long idOf(String body) {
        try {
            JsonNode id = json.readTree(body).get("id");
            return id != null && id.canConvertToLong() ? id.asLong() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private String write(ObjectNode node) {
        return json.writeValueAsString(node);
    }

    private static String path(EntityKind kind, long remoteId) {
        return "/" + kind.resource() + "/" + remoteId;
    }
}
