package dev.jpsync.jobs.exportjob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.RemoteIdMap;
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
 * Makes the call {@link ExportDecision} chose and says what came of it; records nothing. Every HTTP attempt
 * is counted in {@link SyncMetrics} ({@code sync.export.calls}: sent, skipped, retried, failed).
 * <p>
 * A POST is never repeated blindly: when it may have reached the remote (see
 * {@link dev.jpsync.jobs.remote.RemoteFailureClassifier}), or an earlier execution may have sent it, the record
 * is looked up on the remote by its fields first, and a match that no local row carries is adopted.
 * Thread-safe.
 */
class RemoteCallExecutor {

    /** What came of a call. */
    record Result(Kind kind, RemoteResponse response, Long createdId, String reason, int attempts) {

        enum Kind {
            /** the remote did what was asked ({@code createdId}: the id of the created or adopted record) */
            DONE,
            /** the remote answered, and refused */
            REFUSED,
            /** no usable answer within the retry policy */
            UNANSWERED
        }

        boolean answered() {
            return kind != Kind.UNANSWERED;
        }
    }

    private final RemoteExchange remote;
    private final RemoteIdMap remoteIds;
    private final JsonMapper json;
    private final SyncMetrics metrics;

    RemoteCallExecutor(RemoteExchange remote, RemoteIdMap remoteIds, JsonMapper json, SyncMetrics metrics) {
        this.remote = remote;
        this.remoteIds = remoteIds;
        this.json = json;
        this.metrics = metrics;
    }

    Result execute(RemoteCall call) {
        try {
            return switch (call.kind()) {
                case POST -> create(call);
                case PUT -> judge(call, call(HttpMethod.PUT, call.path(), write(call.body())), "the remote refused the PUT");
                case DELETE -> delete(call);
                default -> throw new IllegalArgumentException("no call to make: " + call);
            };
        } catch (RemoteUnavailableException e) {
            return new Result(Result.Kind.UNANSWERED, null, null, e.getMessage(), e.attempts());
        }
    }

    /** Whether the remote answers at all (a cheap probe): tells an outage from a record it keeps failing. */
    boolean remoteAnswers() {
        return remote.answers();
    }

    /** Counts a POST the remote answered with an id: sent when the id was stored, skipped when it was taken. */
    void createCounted(RemoteCallExecutor.Result result, boolean idStored) {
        if (result.response() != null) {
            metrics.exportCall("POST", idStored ? CallOutcome.SENT : CallOutcome.SKIPPED);
        }
    }

    /** Deletes a record created for a local row that was deleted while its POST was on the way. */
    void undoCreate(EntityKind kind, long remoteId) {
        try {
            RemoteResponse undo = call(HttpMethod.DELETE, "/" + kind.resource() + "/" + remoteId, null);
            metrics.exportCall("DELETE", undo.isSuccess() ? CallOutcome.SENT : CallOutcome.SKIPPED);
        } catch (RemoteUnavailableException e) {
            // counted as failed; the remote keeps a record nobody here has (said in the delivery guarantee)
        }
    }

    private Result create(RemoteCall call) {
        boolean lookFirst = call.mayExistAlready();
        int attempts = 0;
        while (true) {
            if (lookFirst) {
                Long found = lookUp(call);
                if (found != null) {
                    return new Result(Result.Kind.DONE, null, found, "adopted the record the remote already held", attempts);
                }
            }
            try {
                RemoteResponse response = call(HttpMethod.POST, call.path(), write(call.body()));
                if (!response.isSuccess()) {
                    metrics.exportCall("POST", CallOutcome.SKIPPED);
                    return new Result(Result.Kind.REFUSED, response, null, "the remote refused the POST", response.attempts());
                }
                Long id = idOf(response.body());
                if (id == null) {
                    metrics.exportCall("POST", CallOutcome.SKIPPED);
                    return new Result(Result.Kind.REFUSED, response, null, "the remote's answer to the POST carries no id",
                            response.attempts());
                }
                // counted as sent or skipped by createCounted, once the id was stored or found taken
                return new Result(Result.Kind.DONE, response, id, null, response.attempts());
            } catch (RemoteUnavailableException e) {
                attempts += e.attempts();
                if (!e.mayHaveBeenProcessed() || attempts >= remote.policy().maxAttempts()) {
                    throw e;
                }
                lookFirst = true;
                sleep(remote.policy().backoffAfter(attempts));
            }
        }
    }

    /**
     * The lowest id of a remote record equal to the one to create in every field and carried by no local row;
     * null when there is none, or the remote does not answer the query with a list (it cannot filter).
     * json-server filters by every field given; long texts stay out of the URL and are compared here.
     */
    private Long lookUp(RemoteCall call) {
        UriComponentsBuilder query = UriComponentsBuilder.fromPath(call.path());
        for (String field : call.entity() == EntityKind.POST ? List.of("userId", "title") : List.of("postId", "name", "email")) {
            query.queryParam(field, call.body().get(field).asString());
        }
        RemoteResponse response = call(HttpMethod.GET, query.encode().build().toUriString(), null);
        if (!response.isSuccess()) {
            return null;
        }
        List<Long> matches = new ArrayList<>();
        try {
            for (JsonNode candidate : json.readTree(response.body())) {
                JsonNode id = candidate.get("id");
                if (id != null && id.canConvertToLong() && ExportDecision.sameRecord(call.body(), candidate)) {
                    matches.add(id.asLong());
                }
            }
        } catch (JacksonException e) {
            return null;
        }
        if (matches.isEmpty()) {
            return null;
        }
        Map<Long, Long> mapped = remoteIds.localIdsOf(call.entity(), matches);
        return matches.stream().filter(id -> !mapped.containsKey(id)).min(Long::compare).orElse(null);
    }

    private Result delete(RemoteCall call) {
        RemoteResponse response = call(HttpMethod.DELETE, call.path(), null);
        // already gone is what we wanted (e.g. a remote that deleted a post's comments with the post)
        if (response.status() == 404 || response.status() == 410) {
            metrics.exportCall("DELETE", CallOutcome.SENT);
            return new Result(Result.Kind.DONE, response, null, null, response.attempts());
        }
        return judge(call, response, "the remote refused the DELETE");
    }

    private Result judge(RemoteCall call, RemoteResponse response, String refusal) {
        if (response.isSuccess()) {
            metrics.exportCall(call.method().name(), CallOutcome.SENT);
            return new Result(Result.Kind.DONE, response, null, null, response.attempts());
        }
        metrics.exportCall(call.method().name(), CallOutcome.SKIPPED);
        return new Result(Result.Kind.REFUSED, response, null, refusal, response.attempts());
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

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteUnavailableException("interrupted while waiting to retry", 0, e, false);
        }
    }
}
