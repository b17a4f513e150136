package dev.jpsync.jobs.exportjob;

import dev.jpsync.domain.NetChange;
import tools.jackson.databind.JsonNode;

/**
 * One net change as the export step hands it from reader to writer, with its latest payload parsed once.
 *
 * @param state {@link NetChange#latestPayload()} as JSON
 */
public record ExportItem(NetChange change, JsonNode state) {
}
