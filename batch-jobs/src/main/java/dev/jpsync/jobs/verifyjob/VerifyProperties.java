package dev.jpsync.jobs.verifyjob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The verify job's knobs ({@code sync.verify.*}). Its schedule is {@code sync.verify.cron} (off when unset; see
 * {@code ScheduleProperties}); requests to the remote are retried like the import's ({@code sync.remote.retry.*}).
 *
 * @param chunkSize remote records compared per transaction (and per lookup of the local side); memory is bounded
 *                  by it, not by the size of the tables
 */
@Validated
@ConfigurationProperties("sync.verify")
public record VerifyProperties(@DefaultValue("500") @Min(1) @Max(10_000) int chunkSize) {
}
