package dev.jpsync.jobs.exportjob;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.ChangeWindow;

/**
 * Step 1: the highest change-log id visible now bounds this run; it goes into the job's execution
 * context, so a restart keeps the same window. Entries written later wait for the next run.
 */
class FixWindow implements Tasklet {

    static final String WINDOW_KEY = "export.window.upToId";

    private final ChangeLogRepository changeLog;

    FixWindow(ChangeLogRepository changeLog) {
        this.changeLog = changeLog;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ChangeWindow window = new ChangeWindow(changeLog.maxId().orElse(0));
        chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .putLong(WINDOW_KEY, window.upToId());
        contribution.setExitStatus(contribution.getExitStatus().addExitDescription(
                "window: change_log ids up to " + window.upToId() + ", " + changeLog.countPending(window)
                        + " entries pending"));
        return RepeatStatus.FINISHED;
    }
}
