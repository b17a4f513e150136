package dev.jpsync.api.jobs;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.jpsync.api.ops.PageRequest;
import dev.jpsync.api.ops.ResultPage;
import dev.jpsync.jobs.launch.JobRunRefusedException;
import dev.jpsync.jobs.launch.JobRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Job control over the JDBC job repository: the same history the schedules and the command-line runner
 * write. Launches and restarts answer 202 at once; the job runs on the batch task executor.
 */
@RestController
@RequestMapping(path = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "jobs", description = "Job control over the job repository (role OPERATOR)")
class JobControlController {

    static final String LAUNCHED_BY = "endpoint";

    private final JobRuns jobRuns;
    private final JobHistory history;

    JobControlController(JobRuns jobRuns, JobHistory history) {
        this.jobRuns = jobRuns;
        this.history = history;
    }

    @GetMapping
    @Operation(summary = "List the jobs", description = "Each job with whether it can restart and its last execution.")
    List<JobView> jobs() {
        return jobRuns.jobs().stream()
                .map(job -> new JobView(job.getName(), job.isRestartable(),
                        history.last(job.getName()).map(ExecutionView::of).orElse(null)))
                .toList();
    }

    /** Body: optional JSON object of job parameters, e.g. {@code {"chunkSize": 100}}. */
    @PostMapping("/{jobName}/executions")
    @Operation(summary = "Launch a job", description = "Answers 202 at once; the job runs in the background. "
            + "Refused (409) while the job runs. The optional body holds job parameters, e.g. {\"chunkSize\": 100}.")
    ResponseEntity<ExecutionView> launch(@PathVariable String jobName,
            @RequestBody(required = false) Map<String, Object> parameters) {
        JobExecution execution = jobRuns.start(jobName, parameters == null ? Map.of() : parameters, LAUNCHED_BY);
        return accepted(execution);
    }

    @GetMapping("/{jobName}/executions")
    @Operation(summary = "List a job's executions", description = "Newest first, by page (size 1 to 100).")
    ResultPage<ExecutionView> executions(@PathVariable String jobName,
            @RequestParam(defaultValue = "0") long page, @RequestParam(defaultValue = "20") int size) {
        PageRequest request = PageRequest.of(page, size);
        if (jobRuns.job(jobName).isEmpty() && history.count(jobName) == 0) {
            throw new JobRunRefusedException(JobRunRefusedException.Reason.UNKNOWN_JOB,
                    "There is no job named '" + jobName + "'.");
        }
        return ResultPage.of(history.page(jobName, request).stream().map(ExecutionView::of).toList(), request,
                history.count(jobName));
    }

    @GetMapping("/executions/{executionId}")
    @Operation(summary = "Get one execution", description = "Status, exit description, steps and counts.")
    ExecutionView execution(@PathVariable long executionId) {
        return ExecutionView.of(jobRuns.execution(executionId));
    }

    @PostMapping("/executions/{executionId}/restart")
    @Operation(summary = "Restart a failed or stopped execution", description = "Answers 202; the restart "
            + "resumes where the execution stopped.")
    ResponseEntity<ExecutionView> restart(@PathVariable long executionId) {
        return accepted(jobRuns.restart(executionId));
    }

    @PostMapping("/executions/{executionId}/stop")
    @Operation(summary = "Stop a running execution", description = "Answers 202; the job stops at its next "
            + "chunk boundary.")
    ResponseEntity<ExecutionView> stop(@PathVariable long executionId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ExecutionView.of(jobRuns.stop(executionId)));
    }

    private static ResponseEntity<ExecutionView> accepted(JobExecution execution) {
        return ResponseEntity.accepted()
                .location(URI.create("/jobs/executions/" + execution.getId()))
                .body(ExecutionView.of(execution));
    }
}
