package dev.jpsync.api.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How many failed logins a client address may make ({@code sync.security.failed-logins.*}): a burst of
 * {@code burst}, then one more every {@code refill-every}. Beyond that its requests with credentials answer 429
 * with {@code Retry-After} until the budget has refilled, without a password check (each costs a bcrypt hash).
 *
 * @param burst        failed logins an address may make at once
 * @param refillEvery  one more failed login allowed after this long
 * @param maxAddresses addresses remembered at most (the oldest forgiven first beyond that)
 */
@Validated
@ConfigurationProperties("sync.security.failed-logins")
public record FailedLoginProperties(
        @DefaultValue("10") @Min(1) int burst,
        @DefaultValue("6s") @NotNull Duration refillEvery,
        @DefaultValue("10000") @Min(1) @Max(10_000_000) int maxAddresses) {
}
