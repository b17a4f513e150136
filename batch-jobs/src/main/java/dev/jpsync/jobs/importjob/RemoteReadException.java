package dev.jpsync.jobs.importjob;

/**
 * Reading the remote's array failed for good (retries exhausted, a client error, malformed JSON). The message
 * names the URL and the cause; it becomes the job's exit description.
 */
public class RemoteReadException extends RuntimeException {

    public RemoteReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
