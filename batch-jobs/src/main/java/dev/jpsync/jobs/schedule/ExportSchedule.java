package dev.jpsync.jobs.schedule;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.jobs.exportjob.ExportLock;

/**
 * One scheduled export: starts a new execution of {@code exportJob} when the change log has entries and no
 * export holds the lock. Two instances racing past the lock check is harmless: the job itself takes the
 * lock first, and the loser ends FAILED at once with "another export execution is running", having sent
 * nothing.
 */
@Component
public class ExportSchedule {

    private static final Logger log = LoggerFactory.getLogger(ExportSchedule.class);

    private final ChangeLogRepository changeLog;
    private final ExportLock lock;
    private final JobOperator jobOperator;
    private final Job exportJob;

    public ExportSchedule(ChangeLogRepository changeLog, ExportLock lock, JobOperator jobOperator,
                          @Qualifier("exportJob") Job exportJob) {
        this.changeLog = changeLog;
        this.lock = lock;
        this.jobOperator = jobOperator;
        this.exportJob = exportJob;
    }

    /** Runs an export now if there is something to export; empty when it did not start one. */
    public Optional<JobExecution> runIfPending() {
        if (changeLog.count() == 0) {
            return Optional.empty();
        }
        if (!lock.isFree()) {
            log.debug("export skipped: another export execution holds the lock");
            return Optional.empty();
        }
        try {
            JobExecution execution = jobOperator.start(exportJob, new JobParametersBuilder()
                    .addString("trigger", "schedule")
                    .addLong("requestedAt", System.currentTimeMillis())
                    .toJobParameters());
            log.info("scheduled export {} ended {}: {}", execution.getId(), execution.getStatus(),
                    execution.getExitStatus().getExitDescription());
            return Optional.of(execution);
        } catch (Exception e) {
            log.error("scheduled export could not be started", e);
            return Optional.empty();
        }
    }
}
