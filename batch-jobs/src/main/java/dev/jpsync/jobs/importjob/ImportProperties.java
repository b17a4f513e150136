package dev.jpsync.jobs.importjob;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The import job's knobs ({@code sync.import.*}; environment {@code SYNC_IMPORT_CHUNK_SIZE} etc.).
 *
 * @param chunkSize        records per chunk; a restart resumes after the last committed chunk. 10,000 imports
 *                         fastest within -Xmx256m (bench/import-throughput.sh: 2,000 takes a quarter longer,
 *                         20,000 no less); smaller chunks commit more often
 * @param skipLimit        invalid records tolerated per step before the step fails (0: none)
 * @param onStartup        the service imports on start when the database holds no posts
 * @param progressInterval how often a running step logs its progress
 * @param writers          parts a chunk is written in at once, each on its own connection and transaction (1:
 *                         the whole chunk as one part); the chunk counts as written when all parts have
 */
@Validated
@ConfigurationProperties("sync.import")
public record ImportProperties(
        @DefaultValue("10000") @Min(1) @Max(100_000) int chunkSize,
        @DefaultValue("100") @Min(0) long skipLimit,
        @DefaultValue("true") boolean onStartup,
        @NotNull @DefaultValue("5s") Duration progressInterval,
        @DefaultValue("2") @Min(1) @Max(16) int writers) {
}
