package dev.jpsync.jobs.exportjob;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.jpsync.domain.ChangeLogArchive;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.ChangeWindow;
import dev.jpsync.jobs.support.Plural;

/**
 * Step 3: in one transaction, moves the entries this run (or an earlier, failed one) decided on into
 * {@code change_log_archive}, each with its outcome, and deletes them from {@code change_log}. Entries
 * without an outcome stay, whatever their id. Its exit description, the job's, says what the send step
 * skipped (refused or parked) and how many entries of the window wait for the next run.
 */
class ArchiveProcessedChanges implements Tasklet {

    private final ChangeLogArchive archive;
    private final ChangeLogRepository changeLog;

    ArchiveProcessedChanges(ChangeLogArchive archive, ChangeLogRepository changeLog) {
        this.archive = archive;
        this.changeLog = changeLog;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ChangeWindow window = new ChangeWindow(step.getJobExecution().getExecutionContext().getLong(FixWindow.WINDOW_KEY));
        int archived = archive.archiveProcessed(window);
        long skipped = step.getJobExecution().getStepExecutions().stream()
                .filter(s -> s.getStepName().equals("exportSend")).mapToLong(StepExecution::getWriteSkipCount).sum();
        contribution.setExitStatus(contribution.getExitStatus().addExitDescription(
                Plural.of(archived, "entry", "entries") + " archived; "
                + Plural.of(skipped, "change", "changes") + " refused or parked (see sync_failure); "
                + Plural.of(changeLog.countPending(window), "entry", "entries") + " left pending for the next run"));
        return RepeatStatus.FINISHED;
    }
}
