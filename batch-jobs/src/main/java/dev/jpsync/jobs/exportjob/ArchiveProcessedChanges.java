package dev.jpsync.jobs.exportjob;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.jpsync.domain.ChangeLogArchive;
import dev.jpsync.domain.ChangeWindow;
import dev.jpsync.jobs.support.Plural;

/**
 * Step 3: in one transaction, moves the entries this run (or an earlier, failed one) decided on into
 * {@code change_log_archive}, each with its outcome, and deletes them from {@code change_log}. Entries
 * without an outcome stay, whatever their id.
 */
class ArchiveProcessedChanges implements Tasklet {

    private final ChangeLogArchive archive;

    ArchiveProcessedChanges(ChangeLogArchive archive) {
        this.archive = archive;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long upToId = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .getLong(FixWindow.WINDOW_KEY);
        int archived = archive.archiveProcessed(new ChangeWindow(upToId));
        contribution.setExitStatus(contribution.getExitStatus().addExitDescription(
                Plural.of(archived, "entry", "entries") + " archived"));
        return RepeatStatus.FINISHED;
    }
}
