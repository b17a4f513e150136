package dev.jpsync.jobs;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts jobs the same way for the command line, the service's startup import and job control: a new run gets
 * a new job instance (identified by a random {@code run.id}, with {@code run.at} for people), a restart reuses
 * the failed instance so that it continues where it stopped. Runs on the caller's thread.
 */
@Component
public class JobStarter {

    private static final Logger log = LoggerFactory.getLogger(JobStarter.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public JobStarter(JobOperator jobOperator, JobRepository jobRepository) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** Runs the job as a new instance and returns its finished execution. */
    public JobExecution startNew(Job job) throws Exception {
        JobParameters parameters = new JobParametersBuilder()
                .addString("run.id", UUID.randomUUID().toString())
                .addLocalDateTime("run.at", LocalDateTime.now(), false)
                .toJobParameters();
        return jobOperator.start(job, parameters);
    }

    /**
     * Restarts the job's most recent instance if its last execution did not complete, and returns the finished
     * restart; empty when there is nothing to restart. An execution still marked as running (its process was
     * killed) is first marked as failed, so do not use this while that execution really runs elsewhere.
     */
    public Optional<JobExecution> restartLast(Job job) throws Exception {
        JobInstance instance = jobRepository.getLastJobInstance(job.getName());
        if (instance == null) {
            return Optional.empty();
        }
        JobExecution last = jobRepository.getLastJobExecution(instance);
        if (last == null || last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
            return Optional.empty();
        }
        if (last.getStatus().isRunning()) {
            log.warn("Execution {} of {} is still marked {}; marking it failed to restart it (its process ended)",
                    last.getId(), job.getName(), last.getStatus());
            last = jobOperator.recover(last);
        }
        log.info("Restarting {} instance {} after execution {} ({})", job.getName(), instance.getInstanceId(),
                last.getId(), last.getStatus());
        return Optional.of(jobOperator.restart(last));
    }
}
