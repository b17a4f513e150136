package dev.jpsync.jobs.exportjob;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step 0, run by every execution (restarts included): take the export lock or fail at once. */
class TakeExportLock implements Tasklet {

    private final ExportLock lock;

    TakeExportLock(ExportLock lock) {
        this.lock = lock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long executionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        if (!lock.tryAcquire(executionId)) {
            throw new ExportAlreadyRunningException();
        }
        return RepeatStatus.FINISHED;
    }

    /** Another export execution, in this process or another one on the same database, holds the lock. */
    static class ExportAlreadyRunningException extends RuntimeException {
        ExportAlreadyRunningException() {
            super("another export execution is running on this database (export lock held); nothing was sent");
        }
    }
}
