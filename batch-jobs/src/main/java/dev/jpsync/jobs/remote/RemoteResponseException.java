package dev.jpsync.jobs.remote;

/** The remote answered with an error status. */
public class RemoteResponseException extends RuntimeException {

    private final String method;
    private final String url;
    private final int status;
    private final String bodySnippet;

    public RemoteResponseException(String method, String url, int status, String statusText, String bodySnippet) {
        super(method + " " + url + " answered " + status + (statusText == null || statusText.isBlank() ? "" : " " + statusText)
                + (bodySnippet == null || bodySnippet.isBlank() ? "" : ": " + bodySnippet));
        this.method = method;
        this.url = url;
        this.status = status;
        this.bodySnippet = bodySnippet;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public int status() {
        return status;
    }

    public String bodySnippet() {
        return bodySnippet;
    }
}
