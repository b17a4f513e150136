package dev.jpsync.domain;

import java.time.Instant;

/**
 * One {@code change_log} row as the triggers wrote it. {@code payload} is the JSON snapshot of the row:
 * the new state for CREATE and UPDATE, the old one for DELETE, in JSONPlaceholder's field names plus
 * {@code remoteId}.
 */
public record Change(long id, EntityKind entity, long entityId, ChangeOp op, String payload, Instant changedAt) {
}
