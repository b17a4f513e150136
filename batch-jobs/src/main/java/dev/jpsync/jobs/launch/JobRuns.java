package dev.jpsync.jobs.launch;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import dev.jpsync.jobs.launch.JobRunRefusedException.Reason;

/**
 * The one door through which every run of a job starts: the command line, the schedules, the job-control
 * endpoint and the import on first start. It decides who may run now, and launches, restarts and stops.
 * <p>
 * A launch first takes the job's {@link RunLock} (one per job and schema). Not getting it means a live run
 * holds it: refused. Holding it, any execution of that job still marked as running is one whose process
 * ended (a live one would hold the lock): it is marked FAILED, restartable, and the launch goes ahead
 * ({@link LaunchDecision}). The
 * new execution is created under the lock, and the run keeps the lock until it ends ({@link RunLockGuard}).
 */
@Component
public class JobRuns {

    /** Identifying parameter that makes each launch without parameters a new job instance. */
    public static final String LAUNCHED_AT = "launchedAt";
    /** Non-identifying parameter saying who launched: endpoint, schedule, startup, command-line. */
    public static final String LAUNCHED_BY = "launchedBy";

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final RunLock runLock;
    private final RunLockGuard guard;
    private final Map<String, Job> jobs;

    public JobRuns(JobOperator jobOperator, JobRepository jobRepository, RunLock runLock, RunLockGuard guard,
                   List<Job> jobs) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.runLock = runLock;
        this.guard = guard;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a));
    }

    /** The jobs this application can run, by name. */
    public List<Job> jobs() {
        return jobs.values().stream().sorted(Comparator.comparing(Job::getName)).toList();
    }

    public Optional<Job> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /**
     * Starts a new run of the job. Without parameters each launch is a new job instance (a unique
     * {@value #LAUNCHED_AT}); with parameters the instance is the one they identify, so parameters of a failed
     * instance restart it, and those of a completed one are refused.
     *
     * @param parameters identifying job parameters (String, Long or Double values); may be empty
     * @param launchedBy recorded as the non-identifying parameter {@value #LAUNCHED_BY}
     */
    public JobExecution start(String jobName, Map<String, Object> parameters, String launchedBy) {
        Job job = job(jobName).orElseThrow(() -> new JobRunRefusedException(Reason.UNKNOWN_JOB,
                "There is no job named '" + jobName + "'; known jobs: " + jobs.keySet()));
        if (job.getJobParametersIncrementer() != null && !parameters.isEmpty()) {
            // Batch's operator would silently drop them in favour of the incrementer's
            throw new JobRunRefusedException(Reason.INVALID_PARAMETERS, "Job '" + jobName
                    + "' numbers its runs itself and takes no parameters; send none.");
        }
        JobParameters jobParameters = parameters(parameters, launchedBy);
        RunLock.Held lock = takeRunLock(jobName);
        boolean launched = false;
        try {
            recoverAbandonedOrRefuse(jobName);
            JobExecution execution = jobOperator.start(job, jobParameters);
            launched = true;
            log.info("Launched {} as execution {} ({})", jobName, execution.getId(), launchedBy);
            return execution;
        } catch (JobExecutionAlreadyRunningException e) {
            throw running(jobName, e);
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new JobRunRefusedException(Reason.ALREADY_COMPLETE, "A run of '" + jobName
                    + "' with these parameters has already completed; change the parameters to run it again.",
                    null, e);
        } catch (JobRestartException e) {
            throw new JobRunRefusedException(Reason.NOT_RESTARTABLE, e.getMessage(), null, e);
        } catch (InvalidJobParametersException e) {
            throw new JobRunRefusedException(Reason.INVALID_PARAMETERS, e.getMessage(), null, e);
        } finally {
            if (!launched) {
                guard.withdraw(lock); // a launched run holds it until it ends, also on another thread
            }
        }
    }

    /** Relaunches a FAILED or STOPPED execution: a new execution of the same job instance, resuming it. */
    public JobExecution restart(long executionId) {
        String jobName = execution(executionId).getJobInstance().getJobName();
        Job job = job(jobName).orElseThrow(() -> new JobRunRefusedException(Reason.NOT_RESTARTABLE,
                "Execution " + executionId + " belongs to job '" + jobName + "', which this application does not run."));
        RunLock.Held lock = takeRunLock(jobName);
        boolean launched = false;
        try {
            recoverAbandonedOrRefuse(jobName);
            JobExecution previous = execution(executionId);
            BatchStatus status = previous.getStatus();
            if (status == BatchStatus.COMPLETED) {
                throw new JobRunRefusedException(Reason.ALREADY_COMPLETE,
                        "Execution " + executionId + " of '" + jobName + "' has COMPLETED; there is nothing to restart.");
            }
            if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
                throw new JobRunRefusedException(Reason.NOT_RESTARTABLE, "Execution " + executionId + " of '" + jobName
                        + "' is " + status + "; only FAILED or STOPPED executions can be restarted.");
            }
            JobExecution latest = jobRepository.getLastJobExecution(previous.getJobInstance());
            if (latest != null && latest.getId() != executionId && latest.getStatus() == BatchStatus.COMPLETED) {
                throw new JobRunRefusedException(Reason.ALREADY_COMPLETE, "Execution " + executionId
                        + " was already restarted as execution " + latest.getId() + ", which COMPLETED.");
            }
            if (!job.isRestartable()) {
                throw new JobRunRefusedException(Reason.NOT_RESTARTABLE, "Job '" + jobName + "' is not restartable.");
            }
            JobExecution execution = jobOperator.restart(previous);
            launched = true;
            log.info("Restarted execution {} of {} as execution {}", executionId, jobName, execution.getId());
            return execution;
        } catch (JobRestartException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JobExecutionAlreadyRunningException running) {
                throw running(jobName, running);
            }
            if (cause instanceof JobInstanceAlreadyCompleteException) {
                throw new JobRunRefusedException(Reason.ALREADY_COMPLETE, "The job instance of execution "
                        + executionId + " has already completed.", null, e);
            }
            throw new JobRunRefusedException(Reason.NOT_RESTARTABLE,
                    cause != null ? cause.getMessage() : e.getMessage(), null, e);
        } finally {
            if (!launched) {
                guard.withdraw(lock);
            }
        }
    }

    /**
     * Restarts the job's most recent instance if its last execution did not complete (the command line's
     * {@code --restart}); empty when there is nothing to restart. Refused like {@link #restart} while it runs.
     */
    public Optional<JobExecution> restartLast(String jobName) {
        JobInstance instance = jobRepository.getLastJobInstance(jobName);
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (last == null || last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
            return Optional.empty();
        }
        return Optional.of(restart(last.getId()));
    }

    /**
     * Asks a running execution to stop; it stops at its next chunk or step boundary, ending STOPPED (and can then
     * be restarted). An execution whose process has ended cannot stop by itself: it is marked FAILED instead, as
     * a launch would. Only the job execution is marked STOPPING, as Batch 5's operator did: Batch 6.0's
     * {@code JobOperator.stop} also writes the running step's execution from this thread, which races with the
     * step's own update and fails the step with an optimistic-locking error instead of stopping it.
     */
    public JobExecution stop(long executionId) {
        JobExecution execution = execution(executionId);
        BatchStatus status = execution.getStatus();
        if (status != BatchStatus.STARTED && status != BatchStatus.STARTING) {
            throw new JobRunRefusedException(Reason.NOT_RUNNING, "Execution " + executionId + " is " + status
                    + ", not running; there is nothing to stop.");
        }
        String jobName = execution.getJobInstance().getJobName();
        Optional<RunLock.Held> free = runLock.tryTake(jobName);
        if (free.isPresent()) {
            try (RunLock.Held lock = free.get()) {
                if (!LaunchDecision.holdingTheRunLock(List.of(execution), LocalDateTime.now()).abandoned().isEmpty()) {
                    recover(execution);
                    return execution(executionId);
                }
            }
        }
        execution.setStatus(BatchStatus.STOPPING);
        jobRepository.update(execution);
        log.info("Asked execution {} of {} to stop", executionId, jobName);
        return execution(executionId);
    }

    public JobExecution execution(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            execution = null; // the JDBC DAO throws where the interface promises null
        }
        if (execution == null) {
            throw new JobRunRefusedException(Reason.UNKNOWN_EXECUTION, "There is no job execution " + executionId + ".");
        }
        return execution;
    }

    /**
     * Takes the job's run lock and hands it to the run about to be created; a caller that does not launch that
     * run gives it back with {@link RunLockGuard#withdraw}.
     */
    private RunLock.Held takeRunLock(String jobName) {
        RunLock.Held lock = runLock.tryTake(jobName).orElseThrow(() -> running(jobName, null));
        guard.handOver(lock);
        return lock;
    }

    /** Called holding the run lock: see {@link LaunchDecision}. */
    private void recoverAbandonedOrRefuse(String jobName) {
        LaunchDecision decision = LaunchDecision.holdingTheRunLock(jobRepository.findRunningJobExecutions(jobName),
                LocalDateTime.now());
        decision.live().ifPresent(live -> {
            throw new JobRunRefusedException(Reason.ALREADY_RUNNING, "Job '" + jobName
                    + "' is already running as execution " + live.getId() + ".", live.getId(), null);
        });
        decision.abandoned().forEach(this::recover);
    }

    /**
     * An execution still marked as running whose process ended (killed, crashed, machine lost) would refuse
     * every later launch: it is marked FAILED, with a description saying so, and can be restarted.
     */
    private void recover(JobExecution execution) {
        log.warn("Execution {} of {} is marked {} but its process has ended; marking it FAILED (restart it to resume)",
                execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus());
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("Abandoned: the process running this execution "
                + "ended without finishing it (killed or crashed); marked FAILED by a later launch. Restart it to resume."));
        jobOperator.recover(execution);
    }

    private JobRunRefusedException running(String jobName, Exception e) {
        Long id = jobRepository.findRunningJobExecutions(jobName).stream()
                .map(JobExecution::getId).max(Long::compare).orElse(null);
        return new JobRunRefusedException(Reason.ALREADY_RUNNING,
                "Job '" + jobName + "' is already running" + (id == null ? "." : " as execution " + id + "."), id, e);
    }

    private static JobParameters parameters(Map<String, Object> given, String launchedBy) {
        JobParametersBuilder builder = new JobParametersBuilder();
        given.forEach((name, value) -> {
            if (value instanceof Integer || value instanceof Long) {
                builder.addLong(name, ((Number) value).longValue());
            } else if (value instanceof Double d) {
                builder.addDouble(name, d);
            } else if (value instanceof String || value instanceof Boolean) {
                builder.addString(name, value.toString());
            } else {
                throw new JobRunRefusedException(Reason.INVALID_PARAMETERS, "Job parameter '" + name
                        + "' must be a string, a number or a boolean, not "
                        + (value == null ? "null" : value.getClass().getSimpleName()) + ".");
            }
        });
        if (given.isEmpty()) {
            builder.addLong(LAUNCHED_AT, System.currentTimeMillis());
        }
        builder.addString(LAUNCHED_BY, launchedBy, false);
        return builder.toJobParameters();
    }
}
