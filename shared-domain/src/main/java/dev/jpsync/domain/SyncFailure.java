package dev.jpsync.domain;

import java.time.Instant;

/**
 * A {@code sync_failure} row: a net change the remote refused or that could not be sent, what the remote
 * answered, and whether an operator has put it back into the change log ({@code requeuedAt}). The export
 * writes it ({@link #refused}, without id and times: the database assigns them); operators read and re-queue it.
 *
 * @param id              null until stored
 * @param httpStatus      null when no response came
 * @param responseSnippet the start of the response body, null when none
 * @param failedAt        null until stored
 * @param requeuedAt      null while not re-queued
 */
public record SyncFailure(Long id, EntityKind entity, long entityId, ChangeOp op, String payload, String httpMethod,
                          String url, Integer httpStatus, String responseSnippet, String reason, int attempts,
                          Long exportExecutionId, Instant failedAt, Instant requeuedAt) {

    public static final int SNIPPET_LENGTH = 2000;

    /** A text cut to the columns' {@link #SNIPPET_LENGTH} (null stays null). */
    public static String snippet(String text) {
        return text == null || text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH);
    }

    /** A refusal the export is about to record. */
    public static SyncFailure refused(EntityKind entity, long entityId, ChangeOp op, String payload,
                                      String httpMethod, String url, Integer httpStatus, String responseSnippet,
                                      String reason, int attempts, Long exportExecutionId) {
        return new SyncFailure(null, entity, entityId, op, payload, httpMethod, url, httpStatus, responseSnippet,
                reason, attempts, exportExecutionId, null, null);
    }
}
