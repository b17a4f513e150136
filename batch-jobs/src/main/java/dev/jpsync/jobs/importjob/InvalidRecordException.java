package dev.jpsync.jobs.importjob;

/** A record from the remote that cannot be imported; the step skips it (up to the skip limit) and records why. */
public class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String reason) {
        super(reason);
    }
}
