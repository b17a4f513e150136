package dev.jpsync.api.jobs;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;

/**
 * A job execution as the job-control endpoint shows it. Times are the job repository's local date-times of
 * the service's time zone.
 */
public record ExecutionView(long id, String jobName, long jobInstanceId, String status, LocalDateTime createTime,
                            LocalDateTime startTime, LocalDateTime endTime, String exitCode, String exitDescription,
                            Map<String, Object> parameters, List<StepView> steps) {

    /** One step of the execution with its counters. */
    public record StepView(long id, String name, String status, LocalDateTime startTime, LocalDateTime endTime,
                           long readCount, long writeCount, long filterCount, long skipCount, long commitCount,
                           long rollbackCount, String exitCode, String exitDescription) {

        static StepView of(StepExecution s) {
            return new StepView(s.getId(), s.getStepName(), s.getStatus().name(), s.getStartTime(), s.getEndTime(),
                    s.getReadCount(), s.getWriteCount(), s.getFilterCount(), s.getSkipCount(), s.getCommitCount(),
                    s.getRollbackCount(), s.getExitStatus().getExitCode(),
                    s.getExitStatus().getExitDescription());
        }
    }

    public static ExecutionView of(JobExecution e) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (JobParameter<?> p : e.getJobParameters()) {
            parameters.put(p.name(), p.value());
        }
        return new ExecutionView(e.getId(), e.getJobInstance().getJobName(), e.getJobInstanceId(),
                e.getStatus().name(), e.getCreateTime(), e.getStartTime(), e.getEndTime(),
                e.getExitStatus().getExitCode(), e.getExitStatus().getExitDescription(), parameters,
                e.getStepExecutions().stream()
                        .sorted(Comparator.comparingLong(StepExecution::getId))
                        .map(StepView::of).toList());
    }
}
