package dev.jpsync.jobs.verifyjob;

import java.time.Instant;
import java.util.List;

import dev.jpsync.domain.EntityKind;
import tools.jackson.databind.JsonNode;

/**
 * One row of a drift report.
 *
 * @param id                the row's id, which a repair of this row names
 * @param verifyExecutionId the verify execution that found it
 * @param localId           the local record, null when there is none ({@link DriftKind#MISSING_LOCAL})
 * @param remoteId          the remote record, null when the local record was never exported
 * @param fields            the fields that differ (empty unless the record exists on both sides)
 * @param localState        the local record in the remote's shape, null when there is none
 * @param remoteState       the remote record as read, null when the remote does not have it
 * @param repairedAt        when a repair acted on this row, null before
 * @param repair            what that repair did
 */
public record DriftEntry(long id, long verifyExecutionId, EntityKind entity, Long localId, Long remoteId,
                         DriftKind kind, List<String> fields, JsonNode localState, JsonNode remoteState,
                         Instant foundAt, Instant repairedAt, String repair) {
}
