package dev.jpsync.jobs.launch;

/** A launch, restart or stop that {@link JobRuns} refused, with the reason an operator needs to see. */
public class JobRunRefusedException extends RuntimeException {

    /** Why; the service maps each to an HTTP status. */
    public enum Reason {
        UNKNOWN_JOB,
        UNKNOWN_EXECUTION,
        INVALID_PARAMETERS,
        ALREADY_RUNNING,
        ALREADY_COMPLETE,
        NOT_RESTARTABLE,
        NOT_RUNNING
    }

    private final Reason reason;
    private final Long runningExecutionId;

    public JobRunRefusedException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public JobRunRefusedException(Reason reason, String message, Long runningExecutionId, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.runningExecutionId = runningExecutionId;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#ALREADY_RUNNING}: the execution that runs; else null. */
    public Long runningExecutionId() {
        return runningExecutionId;
    }
}
