package dev.jpsync.jobs.launch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a launch that holds its job's {@link RunLock} does about the executions of that job still marked as
 * running (pure; {@link JobRuns} does the I/O). A live run would hold the lock, so such an execution was left
 * behind by a process that ended: it is to be recovered (marked FAILED) and the launch goes ahead. Only one
 * created less than {@link #GRACE} ago is taken for live, and refuses the launch: a run started past
 * {@link JobRuns}, straight through Batch's operator, takes its lock only when it starts.
 *
 * @param abandoned executions to mark FAILED before launching
 * @param live      the execution that refuses the launch, if any
 */
record LaunchDecision(List<JobExecution> abandoned, Optional<JobExecution> live) {

    static final Duration GRACE = Duration.ofSeconds(30);

    static LaunchDecision holdingTheRunLock(Collection<JobExecution> markedRunning, LocalDateTime now) {
        LocalDateTime graceStart = now.minus(GRACE);
        Optional<JobExecution> live = markedRunning.stream()
                .filter(execution -> execution.getCreateTime() != null && !execution.getCreateTime().isBefore(graceStart))
                .max(Comparator.comparingLong(JobExecution::getId));
        List<JobExecution> abandoned = live.isPresent() ? List.of() : List.copyOf(markedRunning);
        return new LaunchDecision(abandoned, live);
    }
}
