package dev.jpsync.jobs.remote;

/** The remote did not answer usefully within the retry policy: down, timing out, 5xx or throttling. */
public class RemoteUnavailableException extends RuntimeException {

    private final int attempts;
    private final boolean mayHaveBeenProcessed;

    public RemoteUnavailableException(String message, int attempts, Throwable cause, boolean mayHaveBeenProcessed) {
        super(message, cause);
        this.attempts = attempts;
        this.mayHaveBeenProcessed = mayHaveBeenProcessed;
    }

    public int attempts() {
        return attempts;
    }

    /** A write that may have been carried out although no answer said so (see {@link RemoteFailureClassifier}). */
    public boolean mayHaveBeenProcessed() {
        return mayHaveBeenProcessed;
    }
}
