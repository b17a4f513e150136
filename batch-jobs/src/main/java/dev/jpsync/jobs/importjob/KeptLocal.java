package dev.jpsync.jobs.importjob;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Counts the upstream records an import step did not write because their local row has work the remote has not
 * accepted. The count lives in the step's ExecutionContext (saved with every chunk, so a restart goes on from the
 * committed count) and ends up in the step's exit description as {@code kept local: N}.
 */
public class KeptLocal implements StepExecutionListener {

    static final String KEY = "import.keptLocal";

    /** Adds to the step's count (on the step's thread: its ExecutionContext is not shared). */
    static void add(StepExecution execution, int kept) {
        if (kept > 0) {
            execution.getExecutionContext().putLong(KEY, count(execution) + kept);
        }
    }

    static long count(StepExecution step) {
        return step.getExecutionContext().getLong(KEY, 0L);
    }

    /** The job's count: what its steps in this execution kept. */
    static long count(JobExecution job) {
        return job.getStepExecutions().stream().mapToLong(KeptLocal::count).sum();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        return stepExecution.getExitStatus().addExitDescription("kept local: " + count(stepExecution));
    }
}
