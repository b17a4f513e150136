package dev.jpsync.jobs.verifyjob;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import dev.jpsync.jobs.support.CauseChain;
import dev.jpsync.jobs.support.Plural;

/**
 * Puts the report's counts into a completed run's exit description, e.g. {@code 100 posts and 500 comments
 * compared: 3 differences (1 differs, 1 missing on the remote, 1 missing here); 1 pending (not drift)}, and the
 * cause into a failed one's instead of a stack trace.
 */
class VerifyOutcome implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(VerifyOutcome.class);

    private final DriftReportRepository report;

    VerifyOutcome(DriftReportRepository report) {
        this.report = report;
    }

    @Override
    public void afterJob(JobExecution job) {
        if (job.getStatus() == BatchStatus.COMPLETED) {
            String description = describe(job, report.counts(job.getId()));
            job.setExitStatus(new ExitStatus(job.getExitStatus().getExitCode(), description));
            log.info("Verify {}: {}", job.getId(), description);
            return;
        }
        String why = job.getAllFailureExceptions().stream().findFirst().map(CauseChain::rootReason)
                .orElse(job.getExitStatus().getExitDescription());
        job.setExitStatus(new ExitStatus(job.getExitStatus().getExitCode(), "Verify " + job.getStatus().name()
                .toLowerCase() + ": " + why + ". Neither side was changed; restart to continue where it stopped."));
    }

    static String describe(JobExecution job, Map<DriftKind, Long> counts) {
        long posts = read(job, VerifyJobConfiguration.POSTS_STEP);
        long comments = read(job, VerifyJobConfiguration.COMMENTS_STEP);
        long differs = counts.get(DriftKind.DIFFERS);
        long missingRemote = counts.get(DriftKind.MISSING_REMOTE);
        long missingLocal = counts.get(DriftKind.MISSING_LOCAL);
        long drift = differs + missingRemote + missingLocal;
        return Plural.of(posts, "remote post") + " and " + Plural.of(comments, "remote comment") + " compared: "
                + (drift == 0 ? "no drift" : Plural.of(drift, "difference") + " (" + differs + " differ, "
                        + missingRemote + " missing on the remote, " + missingLocal + " missing here)")
                + "; " + counts.get(DriftKind.PENDING) + " pending (not drift)";
    }

    private static long read(JobExecution job, String stepName) {
        return job.getStepExecutions().stream().filter(s -> s.getStepName().equals(stepName))
                .mapToLong(StepExecution::getReadCount).sum();
    }
}
