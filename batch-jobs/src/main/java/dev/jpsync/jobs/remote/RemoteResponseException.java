package dev.jpsync.jobs.remote;

/** The remote answered with an error status. */
public class RemoteResponseException extends RuntimeException {

    private final int status;

    public RemoteResponseException(String method, String url, int status, String statusText, String bodySnippet) {
        super(method + " " + url + " answered " + status + (statusText == null || statusText.isBlank() ? "" : " " + statusText)
                + (bodySnippet == null || bodySnippet.isBlank() ? "" : ": " + bodySnippet));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
