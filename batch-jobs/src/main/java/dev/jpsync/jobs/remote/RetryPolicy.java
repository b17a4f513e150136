package dev.jpsync.jobs.remote;

import java.time.Duration;

/**
 * How often and how patiently a call to the remote is repeated when it fails transiently (connection
 * error, timeout, 5xx, 408, 429).
 *
 * @param maxAttempts    attempts in all, the first one included
 * @param initialBackoff wait after the first failure; each further wait is {@code multiplier} times longer
 * @param maxBackoff     upper bound of one exponential wait
 * @param maxRetryAfter  the longest {@code Retry-After} honoured; a remote asking for more is treated as down
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                          Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The exponential wait after the given failed attempt (1-based). */
    public Duration backoffAfter(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
