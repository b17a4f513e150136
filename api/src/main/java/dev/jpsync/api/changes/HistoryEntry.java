package dev.jpsync.api.changes;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One event in a record's history.
 *
 * @param state             PENDING (in the change log, no export has decided it), DECIDED (an export decided it;
 *                          archived when that export ends), ARCHIVED (moved to the archive by its export) or REPAIRED
 *                          (a drift repair; no change-log entry of its own when the remote was the source of truth)
 * @param changeId          the change-log id (null for a repair)
 * @param op                CREATE, UPDATE or DELETE (null for a repair)
 * @param payload           the record's state the entry carries, or the state a repair wrote
 * @param at                when it was written
 * @param exportExecutionId the export execution that decided it (DECIDED, ARCHIVED)
 * @param outcome           SENT, SKIPPED or NOTHING_TO_SEND (DECIDED, ARCHIVED)
 * @param sourceOfTruth     LOCAL or REMOTE (REPAIRED)
 * @param repair            what the repair did, e.g. {@code UPDATE_HERE: UPDATE posts 7 from the remote} (REPAIRED)
 */
public record HistoryEntry(String state, Long changeId, String op, JsonNode payload, Instant at, Long exportExecutionId,
                           String outcome, String sourceOfTruth, String repair) {
}
