package dev.jpsync.api.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per client address, as a token bucket: {@code burst} at once, then one per {@code refillEvery}.
 * Decides only; the time comes from the caller (nanoseconds of a monotonic clock), so it is tested without
 * waiting. Thread-safe.
 */
final class FailedLoginBudget {

    private record Bucket(double tokens, long atNanos) {
    }

    private final int burst;
    private final long refillNanos;
    private final int maxAddresses;
    // access order: the address failing longest ago is forgotten first when too many are remembered
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxAddresses;
        }
    };

    FailedLoginBudget(int burst, Duration refillEvery, int maxAddresses) {
        if (burst < 1 || refillEvery.isZero() || refillEvery.isNegative()) {
            throw new IllegalArgumentException("burst must be 1 or more and refillEvery positive");
        }
        this.burst = burst;
        this.refillNanos = refillEvery.toNanos();
        this.maxAddresses = maxAddresses;
    }

    /** How long the address must wait before its next login attempt, or empty when it may try now. */
    synchronized Optional<Duration> waitBeforeNextAttempt(String address, long nowNanos) {
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            return Optional.empty();
        }
        double tokens = refilled(bucket, nowNanos);
        if (tokens >= 1) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * refillNanos)));
    }

    /** Counts one failed login of the address. */
    synchronized void failed(String address, long nowNanos) {
        Bucket bucket = buckets.get(address);
        double tokens = bucket == null ? burst : refilled(bucket, nowNanos);
        buckets.put(address, new Bucket(Math.max(tokens - 1, 0), nowNanos));
    }

    private double refilled(Bucket bucket, long nowNanos) {
        return Math.min(burst, bucket.tokens() + (double) Math.max(nowNanos - bucket.atNanos(), 0) / refillNanos);
    }
}
