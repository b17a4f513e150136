package dev.jpsync.jobs.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.jpsync.jobs.support.CauseChain;

/**
 * One JSON call to the remote with retries, as {@link RemoteFailureClassifier} judges: transient failures are
 * repeated with exponential backoff (a {@code Retry-After} is honoured); any other answer is returned as it
 * is, for the caller to judge. A POST is never repeated after a failure that may have created the record
 * ({@link RemoteUnavailableException#mayHaveBeenProcessed()}): only the caller can find out whether it did.
 * Answers are read whole, up to {@code sync.remote.max-response-bytes}.
 */
public class RemoteExchange {

    private static final Logger log = LoggerFactory.getLogger(RemoteExchange.class);
    private static final int LOGGED_BODY = 200;
    private static final Pattern RECORD_PATH = Pattern.compile("/([a-z]+)/(\\d+)");

    private final RestClient client;
    private final String baseUrl;
    private final RetryPolicy policy;
    private final long maxResponseBytes;

    public RemoteExchange(RestClient client, RemoteApiProperties properties) {
        this.client = client;
        this.baseUrl = properties.baseUrl().toString(); // RemoteApiProperties drops a trailing slash
        this.policy = properties.retry().policy();
        this.maxResponseBytes = properties.maxResponseBytes().toBytes();
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * @param path     below the base URL, query strings already encoded
     * @param jsonBody null for none
     * @throws RemoteUnavailableException when every attempt failed transiently, or a POST failed in a way
     *                                    that may have created the record
     */
    public RemoteResponse call(HttpMethod method, String path, String jsonBody) {
        String url = url(path);
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String problem;
            Throwable cause = null;
            boolean mayHaveBeenProcessed;
            try {
                Answer answer = send(method, path, jsonBody);
                if (!RemoteFailureClassifier.isTransientStatus(answer.status())) {
                    return new RemoteResponse(method.name(), url, answer.status(), answer.body(), attempt);
                }
                problem = "HTTP " + answer.status() + snippet(answer.body());
                mayHaveBeenProcessed = RemoteFailureClassifier.mayHaveBeenProcessed(answer.status());
                wait = policy.backoffAfter(attempt);
                if (answer.retryAfter() != null) {
                    if (answer.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
                        throw new RemoteUnavailableException(method + " " + url + " answered " + problem
                                + " asking to retry after " + answer.retryAfter().toSeconds()
                                + " s, longer than sync.remote.retry.max-retry-after", attempt, null, false);
                    }
                    wait = answer.retryAfter();
                }
            } catch (RestClientException e) {
                // connection refused, reset or read timeout: no usable answer
                cause = e;
                problem = CauseChain.rootMessage(e);
                mayHaveBeenProcessed = RemoteFailureClassifier.mayHaveBeenProcessed(e);
                wait = policy.backoffAfter(attempt);
            }
            if (method == HttpMethod.POST && mayHaveBeenProcessed) {
                throw new RemoteUnavailableException(method + " " + url + " failed after " + attempt
                        + " attempt(s) and may have been carried out: " + problem, attempt, cause, true);
            }
            if (attempt >= policy.maxAttempts()) {
                throw new RemoteUnavailableException(method + " " + url + " failed after " + attempt
                        + " attempt(s): " + problem, attempt, cause, false);
            }
            log.debug("{} {} attempt {} failed ({}), retrying in {} ms", method, url, attempt, problem, wait.toMillis());
            sleep(wait);
        }
    }

    /**
     * Whether the remote answers at all: one GET of at most one post, no retry. A 4xx is an answer (the
     * remote is up, it just does not like this path); a 5xx, 429 or no answer is not.
     */
    public boolean answers() {
        try {
            int status = send(HttpMethod.GET, "/posts?_limit=1", null).status();
            return !RemoteFailureClassifier.isTransientStatus(status);
        } catch (RestClientException e) {
            return false;
        }
    }

    private record Answer(int status, String body, Duration retryAfter) {
    }

    private Answer send(HttpMethod method, String path, String jsonBody) {
        // a URI template ("/posts/{id}") keeps the http.client.requests uri tag to one value per collection
        Matcher record = RECORD_PATH.matcher(path);
        RestClient.RequestBodySpec request = (record.matches()
                ? client.method(method).uri("/" + record.group(1) + "/{id}", record.group(2))
                : client.method(method).uri(URI.create(url(path)))).accept(MediaType.APPLICATION_JSON);
        if (jsonBody != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(jsonBody);
        }
        return request.exchange((req, res) -> new Answer(res.getStatusCode().value(),
                read(res.getBody(), method, path), retryAfter(res.getHeaders().getFirst("Retry-After"))));
    }

    /** The whole body; an answer longer than the limit is a failure rather than JSON cut short. */
    private String read(InputStream in, HttpMethod method, String path) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
        if (bytes.length > maxResponseBytes) {
            throw new IOException(method + " " + url(path) + " answered more than " + maxResponseBytes
                    + " bytes (sync.remote.max-response-bytes)");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code Retry-After} as delta-seconds or HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The start of a body, for log lines and messages only. */
    static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > LOGGED_BODY ? b.substring(0, LOGGED_BODY) + "..." : b);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteUnavailableException("interrupted while waiting to retry", 0, e, false);
        }
    }
}
