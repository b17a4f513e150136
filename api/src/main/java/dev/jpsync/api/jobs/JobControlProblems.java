package dev.jpsync.api.jobs;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.jpsync.api.problems.Problems;
import dev.jpsync.jobs.launch.JobRunRefusedException;

/** Refused launches, restarts and stops as RFC 9457 problem details. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class JobControlProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(JobRunRefusedException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_JOB, UNKNOWN_EXECUTION -> HttpStatus.NOT_FOUND;
            case INVALID_PARAMETERS -> HttpStatus.BAD_REQUEST;
            case ALREADY_RUNNING, ALREADY_COMPLETE, NOT_RESTARTABLE, NOT_RUNNING -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = Problems.problem(status, switch (e.reason()) {
            case UNKNOWN_JOB -> "Unknown job";
            case UNKNOWN_EXECUTION -> "Unknown job execution";
            case INVALID_PARAMETERS -> "Invalid job parameters";
            case ALREADY_RUNNING -> "Job already running";
            case ALREADY_COMPLETE -> "Job instance already complete";
            case NOT_RESTARTABLE -> "Execution cannot be restarted";
            case NOT_RUNNING -> "Execution not running";
        }, e.getMessage());
        if (e.runningExecutionId() != null) {
            problem.setProperty("runningExecutionId", e.runningExecutionId());
        }
        return Problems.answer(problem);
    }
}
