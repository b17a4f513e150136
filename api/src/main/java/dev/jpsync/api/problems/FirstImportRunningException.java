package dev.jpsync.api.problems;

/** A write while the first import runs (503 with Retry-After); nothing was written. */
public class FirstImportRunningException extends RuntimeException {

    /** Seconds a client should wait before it tries again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public FirstImportRunningException() {
        super("The first import from the remote is running; posts and comments can be written when it has finished."
                + " Try again in " + RETRY_AFTER_SECONDS + " seconds.");
    }
}
