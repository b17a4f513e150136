package dev.jpsync.jobs.remote;

import java.io.IOException;
import java.io.InputStream;
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
 * One JSON call to the remote with retries: connection errors, timeouts, 5xx, 408 and 429 are repeated
 * with exponential backoff (a 429's or 503's {@code Retry-After} is honoured); any other answer is
 * returned as it is, for the caller to judge.
 */
public class RemoteExchange {

    private static final Logger log = LoggerFactory.getLogger(RemoteExchange.class);
    private static final int MAX_BODY = 4000;

    private final RestClient client;
    private final String baseUrl;
    private final RetryPolicy policy;

    public RemoteExchange(RestClient client, String baseUrl, RetryPolicy policy) {
        this.client = client;
        this.baseUrl = baseUrl; // RemoteApiProperties drops a trailing slash
        this.policy = policy;
    }

    public String url(String path) {
        return baseUrl + path;
    }

    /**
     * @param jsonBody null for none
     * @throws RemoteUnavailableException when every attempt failed transiently
     */
    public RemoteResponse call(HttpMethod method, String path, String jsonBody) {
        String url = url(path);
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String problem;
            Throwable cause = null;
            try {
                Answer answer = send(method, path, jsonBody);
                if (!isTransient(answer.status())) {
                    return new RemoteResponse(method.name(), url, answer.status(), answer.body(), attempt);
                }
                problem = "HTTP " + answer.status() + snippet(answer.body());
                wait = policy.backoffAfter(attempt);
                if (answer.retryAfter() != null) {
                    if (answer.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
                        throw new RemoteUnavailableException(method + " " + url + " answered " + problem
                                + " asking to retry after " + answer.retryAfter().toSeconds()
                                + " s, longer than sync.export.max-retry-after", attempt, null);
                    }
                    wait = answer.retryAfter();
                }
            } catch (RestClientException e) {
                // connection refused, reset or read timeout: no usable answer
                cause = e;
                problem = CauseChain.rootMessage(e);
                wait = policy.backoffAfter(attempt);
            }
            if (attempt >= policy.maxAttempts()) {
                throw new RemoteUnavailableException(method + " " + url + " failed after " + attempt
                        + " attempt(s): " + problem, attempt, cause);
            }
            log.debug("{} {} attempt {} failed ({}), retrying in {} ms", method, url, attempt, problem, wait.toMillis());
            sleep(wait);
        }
    }

    private static final Pattern RECORD_PATH = Pattern.compile("/([a-z]+)/(\\d+)");

    private record Answer(int status, String body, Duration retryAfter) {
    }

    private Answer send(HttpMethod method, String path, String jsonBody) {
        // a URI template ("/posts/{id}") keeps the http.client.requests uri tag to one value per collection
        Matcher record = RECORD_PATH.matcher(path);
        RestClient.RequestBodySpec request = (record.matches()
                ? client.method(method).uri("/" + record.group(1) + "/{id}", record.group(2))
                : client.method(method).uri(path)).accept(MediaType.APPLICATION_JSON);
        if (jsonBody != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(jsonBody);
        }
        return request.exchange((req, res) -> new Answer(res.getStatusCode().value(), read(res.getBody()),
                retryAfter(res.getHeaders().getFirst("Retry-After"))));
    }

    private static boolean isTransient(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code Retry-After} as delta-seconds or HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
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

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > 200 ? b.substring(0, 200) + "..." : b);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteUnavailableException("interrupted while waiting to retry", 0, e);
        }
    }
}
