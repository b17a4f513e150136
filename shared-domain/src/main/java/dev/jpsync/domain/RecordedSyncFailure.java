package dev.jpsync.domain;

import java.time.Instant;

/**
 * A {@code sync_failure} row as an operator sees it: the refused net change, what the remote answered, and
 * whether it has been put back into the change log ({@code requeuedAt}).
 */
public record RecordedSyncFailure(long id, EntityKind entity, long entityId, ChangeOp op, String payload,
                                  String httpMethod, String url, Integer httpStatus, String responseSnippet,
                                  String reason, int attempts, Long exportExecutionId, Instant failedAt,
                                  Instant requeuedAt) {
}
