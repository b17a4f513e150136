package dev.jpsync.jobs.remote;

/**
 * The final answer of the remote to one call, after any retries.
 *
 * @param attempts how many requests it took
 */
public record RemoteResponse(String method, String url, int status, String body, int attempts) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
