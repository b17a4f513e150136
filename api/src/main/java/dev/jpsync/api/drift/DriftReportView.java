package dev.jpsync.api.drift;

import java.time.LocalDateTime;
import java.util.Map;

import dev.jpsync.api.ops.ResultPage;
import dev.jpsync.jobs.verifyjob.DriftEntry;
import dev.jpsync.jobs.verifyjob.DriftKind;

/**
 * The latest drift report: the verify execution that wrote it, its counts, and a page of its rows.
 *
 * @param verifyExecutionId the verify job execution
 * @param endTime           when it completed (the service's local time)
 * @param exitDescription   its summary, e.g. "100 remote posts and 500 remote comments compared: no drift; 0 pending"
 * @param counts            rows per kind
 */
public record DriftReportView(long verifyExecutionId, LocalDateTime endTime, String exitDescription,
                              Map<DriftKind, Long> counts, ResultPage<DriftEntry> rows) {
}
