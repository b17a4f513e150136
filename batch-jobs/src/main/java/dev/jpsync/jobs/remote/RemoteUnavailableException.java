package dev.jpsync.jobs.remote;

/** The remote did not answer usefully within the retry policy: down, timing out, 5xx or throttling. */
public class RemoteUnavailableException extends RuntimeException {

    private final int attempts;

    public RemoteUnavailableException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
