package dev.jpsync.jobs.remote;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The remote JSONPlaceholder-style API ({@code sync.remote.*}; environment {@code SYNC_REMOTE_BASE_URL} etc.).
 *
 * @param baseUrl          root of the API; a trailing slash is dropped here, once, so that every path is
 *                         joined to it the same way ({@link #url})
 * @param connectTimeout   how long to wait for a TCP connection
 * @param readTimeout      how long to wait for a response (or between bytes of a streamed one)
 * @param maxResponseBytes the longest answer to one write or lookup that is read; a longer one is a failure
 *                         (it is never cut and then parsed)
 * @param retry            how a failed call is repeated, the same for the import and the export
 */
@Validated
@ConfigurationProperties("sync.remote")
public record RemoteApiProperties(
        @NotNull @DefaultValue("https://jsonplaceholder.typicode.com") URI baseUrl,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @NotNull @DefaultValue("1MB") DataSize maxResponseBytes,
        @NotNull @Valid @DefaultValue Retry retry) {

    /**
     * Exponential backoff for connection errors, timeouts, 5xx, 408 and 429 ({@code sync.remote.retry.*}):
     * waits {@code initialDelay}, then {@code initialDelay * multiplier}, ... at most {@code maxDelay}, for at
     * most {@code maxAttempts} attempts in all; a {@code Retry-After} up to {@code maxRetryAfter} replaces the
     * wait, a longer one counts as the remote being down.
     *
     * @param maxAttempts   attempts per call in all, the first included (1: no retry)
     * @param initialDelay  the wait before the first retry
     * @param multiplier    growth of the wait from one retry to the next
     * @param maxDelay      the longest wait between two attempts
     * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one counts as the remote being down
     */
    public record Retry(
            @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
            @NotNull @DefaultValue("500ms") Duration initialDelay,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @NotNull @DefaultValue("30s") Duration maxDelay,
            @NotNull @DefaultValue("120s") Duration maxRetryAfter) {

        public RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, maxRetryAfter);
        }
    }

    public RemoteApiProperties {
        if (baseUrl != null) {
            String base = baseUrl.toString();
            int end = base.length();
            while (end > 0 && base.charAt(end - 1) == '/') {
                end--;
            }
            baseUrl = URI.create(base.substring(0, end));
        }
    }

    /** The absolute URL of a path on the remote: {@code url("/posts")} is {@code <base-url>/posts}. */
    public String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }
}
