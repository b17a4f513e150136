package dev.jpsync.jobs.verifyjob;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;

import dev.jpsync.domain.EntityKind;

/**
 * After both listings were read: every local record whose remote id the remote did not list (or that has none)
 * becomes a report row, in SQL against the ids noted while reading; then the note is emptied.
 */
class FindMissingOnRemote implements Tasklet {

    private final DriftReportRepository report;

    FindMissingOnRemote(DriftReportRepository report) {
        this.report = report;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long executionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        int rows = 0;
        for (EntityKind kind : EntityKind.values()) {
            rows += report.addMissingOnRemote(executionId, kind);
        }
        report.forgetSeen(executionId);
        contribution.incrementWriteCount(rows);
        return RepeatStatus.FINISHED;
    }
}
