package dev.jpsync.jobs.importjob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;

import dev.jpsync.jobs.support.CauseChain;

/**
 * Puts how many upstream records local work kept out ({@code kept local: N}, see {@link KeptLocal}) into the
 * job's exit description, and replaces a failed import's exit description (by default the stack trace of Spring
 * Batch's outermost wrapper, cut to 2,500 characters) with one line that names the step, the URL and the cause, e.g.
 * {@code importPosts: GET http://host/posts answered 404 Not Found (client error, not retried)}.
 * The stack traces stay in the log and in the step executions.
 */
public class ImportOutcome implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ImportOutcome.class);

    private final long skipLimit;

    public ImportOutcome(long skipLimit) {
        this.skipLimit = skipLimit;
    }

    @Override
    public void afterJob(JobExecution job) {
        long kept = KeptLocal.count(job);
        String keptLocal = "kept local: " + kept;
        if (job.getStatus() == BatchStatus.COMPLETED) {
            job.setExitStatus(new ExitStatus(job.getExitStatus().getExitCode(), keptLocal));
            return;
        }
        String description = job.getStepExecutions().stream()
                .filter(step -> !step.getFailureExceptions().isEmpty())
                .findFirst()
                .map(this::describe)
                .orElseGet(() -> job.getAllFailureExceptions().stream().findFirst()
                        .map(CauseChain::rootMessage).orElse(job.getExitStatus().getExitDescription()));
        job.setExitStatus(new ExitStatus(job.getExitStatus().getExitCode(),
                kept == 0 ? description : description + "; " + keptLocal));
        log.error("Import {} {}: {}", job.getId(), job.getStatus(), description);
    }

    private String describe(StepExecution step) {
        Throwable failure = step.getFailureExceptions().get(0);
        for (Throwable t : CauseChain.of(failure)) {
            if (t instanceof RemoteReadException read) {
                return step.getStepName() + ": " + read.getMessage();
            }
            if (t instanceof SkipLimitExceededException limit) {
                return step.getStepName() + ": more than " + skipLimit + " invalid records (sync.import.skip-limit);"
                        + " the last: " + (limit.getCause() == null ? "?" : limit.getCause().getMessage())
                        + "; see table import_skip";
            }
        }
        return step.getStepName() + ": " + CauseChain.rootMessage(failure);
    }
}
