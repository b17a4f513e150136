package dev.jpsync.jobs.importjob;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The import job's knobs ({@code sync.import.*}; environment {@code SYNC_IMPORT_CHUNK_SIZE} etc.).
 *
 * @param chunkSize        records per transaction; a restart resumes after the last committed chunk
 * @param skipLimit        invalid records tolerated per step before the step fails (0: none)
 * @param onStartup        the service imports on start when the database holds no posts
 * @param progressInterval how often a running step logs its progress
 * @param retry            how failed requests to the remote are retried
 * @param writers          parts a chunk is written in at once, each on its own connection (1: one after the
 *                         other); the chunk commits when all parts have
 */
@Validated
@ConfigurationProperties("sync.import")
public record ImportProperties(
        @DefaultValue("500") @Min(1) @Max(100_000) int chunkSize,
        @DefaultValue("100") @Min(0) long skipLimit,
        @DefaultValue("true") boolean onStartup,
        @NotNull @DefaultValue("5s") Duration progressInterval,
        @NotNull @Valid @DefaultValue Retry retry,
        @DefaultValue("2") @Min(1) @Max(16) int writers) {

    /**
     * Exponential backoff for connection errors, timeouts, 5xx and 429: waits {@code initialDelay},
     * then {@code initialDelay * multiplier}, ... at most {@code maxDelay}, for at most {@code maxAttempts}
     * attempts in all.
     *
     * @param maxAttempts  attempts per request in all (1: no retry)
     * @param initialDelay the first wait before a retry
     * @param multiplier   growth of the wait per retry
     * @param maxDelay     upper bound of one wait
     */
    public record Retry(
            @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
            @NotNull @DefaultValue("500ms") Duration initialDelay,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @NotNull @DefaultValue("30s") Duration maxDelay) {
    }
}
