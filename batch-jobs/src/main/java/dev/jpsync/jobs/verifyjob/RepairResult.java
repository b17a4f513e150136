package dev.jpsync.jobs.verifyjob;

import java.util.Map;
import java.util.List;

/**
 * The answer of a repair: the plan (dry run) or what was done, row by row.
 *
 * @param verifyExecutionId the report repaired
 * @param totals            rows per outcome
 * @param steps             the rows, at most {@link DriftRepair#MAX_STEPS_SHOWN} of them
 * @param truncated         whether there were more rows than shown (totals count all)
 */
public record RepairResult(boolean dryRun, SourceOfTruth sourceOfTruth, RepairScope scope, long verifyExecutionId,
                           Map<RepairStep.Outcome, Long> totals, List<RepairStep> steps, boolean truncated) {
}
