package dev.jpsync.jobs.exportjob;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.jpsync.jobs.remote.RetryPolicy;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The export job ({@code sync.export.*}; environment {@code SYNC_EXPORT_CONCURRENCY} etc.).
 * <p>
 * When the service runs it is {@code sync.schedule.export.*} ({@code ScheduleProperties}); the older names
 * {@code sync.export.scheduled} and {@code sync.export.interval} still set that schedule ({@code ScheduleAliases}).
 *
 * @param chunkSize         net changes per chunk (one step transaction, one concurrent batch of calls)
 * @param concurrency       calls to the remote in flight at once
 * @param maxAttempts       attempts per call for connection errors, timeouts, 5xx, 408, 429
 * @param initialBackoff    first wait before a retry; doubled (see {@code backoffMultiplier}) each time
 * @param backoffMultiplier growth of the wait per retry
 * @param maxBackoff        upper bound of one wait
 * @param maxRetryAfter     the longest {@code Retry-After} honoured; asking for more counts as remote down
 * @param skipLimit         refused changes (4xx, recorded in {@code sync_failure}) tolerated per run before
 *                          the run fails
 */
@Validated
@ConfigurationProperties("sync.export")
public record ExportProperties(
        @Min(1) @Max(10000) @DefaultValue("200") int chunkSize,
        @Min(1) @Max(256) @DefaultValue("8") int concurrency,
        @Min(1) @Max(100) @DefaultValue("5") int maxAttempts,
        @NotNull @DefaultValue("500ms") Duration initialBackoff,
        @DecimalMin("1.0") @DefaultValue("2.0") double backoffMultiplier,
        @NotNull @DefaultValue("30s") Duration maxBackoff,
        @NotNull @DefaultValue("120s") Duration maxRetryAfter,
        @Min(0) @DefaultValue("100") int skipLimit) {

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialBackoff, backoffMultiplier, maxBackoff, maxRetryAfter);
    }
}
