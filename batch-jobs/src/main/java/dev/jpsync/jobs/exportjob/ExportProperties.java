package dev.jpsync.jobs.exportjob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The export job ({@code sync.export.*}; environment {@code SYNC_EXPORT_CONCURRENCY} etc.). How a failed call
 * is retried is the remote's setting, shared with the import ({@code sync.remote.retry.*}).
 * <p>
 * When the service runs it is {@code sync.schedule.export.*} ({@code ScheduleProperties}); the older names
 * {@code sync.export.scheduled} and {@code sync.export.interval} still set that schedule ({@code ScheduleAliases}).
 *
 * @param chunkSize     net changes per chunk (one step transaction, one concurrent batch of calls)
 * @param concurrency   calls to the remote in flight at once
 * @param skipLimit     refused changes (recorded in {@code sync_failure}) tolerated per job instance, its
 *                      restarts included, before the run fails
 * @param parkAfterRuns runs in which a record's calls went unanswered while the remote answered others, after
 *                      which the record is parked in {@code sync_failure}
 */
@Validated
@ConfigurationProperties("sync.export")
public record ExportProperties(
        @Min(1) @Max(10000) @DefaultValue("200") int chunkSize,
        @Min(1) @Max(256) @DefaultValue("8") int concurrency,
        @Min(0) @DefaultValue("100") int skipLimit,
        @Min(1) @Max(1000) @DefaultValue("3") int parkAfterRuns) {
}
