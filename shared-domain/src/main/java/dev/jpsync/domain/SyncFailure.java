package dev.jpsync.domain;

/**
 * A net change the remote refused or that could not be sent, as stored in {@code sync_failure}.
 *
 * @param httpStatus      null when no response came
 * @param responseSnippet the start of the response body, null when none
 */
public record SyncFailure(EntityKind entity, long entityId, ChangeOp op, String payload, String httpMethod, String url,
                          Integer httpStatus, String responseSnippet, String reason, int attempts,
                          Long exportExecutionId) {

    public static final int SNIPPET_LENGTH = 2000;
}
