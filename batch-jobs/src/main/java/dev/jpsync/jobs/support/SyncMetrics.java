package dev.jpsync.jobs.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.jpsync.domain.EntityKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The project's own meters, in one place so that every job counts under the same names (the service
 * exports them at {@code /actuator/prometheus}; dots become underscores there, counters get {@code _total}).
 * <ul>
 * <li>{@code sync.changelog.backlog} (gauge): entries waiting in {@code change_log};</li>
 * <li>{@code sync.changelog.oldest.age} (gauge, seconds): how long the oldest waiting entry has waited, 0 when
 * none waits;</li>
 * <li>{@code sync.export.calls} (counter; tags {@code method} POST|PUT|DELETE, {@code outcome}
 * sent|skipped|retried|failed): HTTP calls the export made;</li>
 * <li>{@code sync.skips} (counter; tags {@code job}, {@code entity}): items a job skipped;</li>
 * <li>{@code sync.import.rows} (counter; tag {@code entity}): rows the import wrote.</li>
 * </ul>
 * Job and step durations come from Spring Batch's own observations ({@code spring.batch.job},
 * {@code spring.batch.step}).
 */
@Component
public class SyncMetrics {

    /** What became of one HTTP call of the export. */
    public enum CallOutcome {
        SENT, SKIPPED, RETRIED, FAILED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    /** Held here: gauges keep only a weak reference to the object they read. */
    private final ChangeLogBacklog backlog;

    public SyncMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.backlog = new ChangeLogBacklog(jdbc, Clock.systemUTC());
        // gauges are read on scrape: two index-only queries on change_log, no caching needed
        Gauge.builder("sync.changelog.backlog", backlog, ChangeLogBacklog::size)
                .description("Entries waiting in change_log to be exported")
                .baseUnit("entries")
                .register(registry);
        Gauge.builder("sync.changelog.oldest.age", backlog, ChangeLogBacklog::oldestAgeSeconds)
                .description("Age of the oldest entry waiting in change_log, 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
    }

    /** One HTTP call of the export, by verb and what became of it (counted at once: the call happened). */
    public void exportCall(String method, CallOutcome outcome) {
        Counter.builder("sync.export.calls")
                .description("HTTP calls the export made to the remote, by method and outcome")
                .tag("method", method)
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    /**
     * An item a job skipped (an invalid record on import, a refused change on export). Inside a transaction
     * (a chunk) it counts when that commits, so a chunk that rolls back and is redone counts once.
     */
    public void skipped(String jobName, EntityKind entity) {
        Counter counter = Counter.builder("sync.skips")
                .description("Items a job skipped")
                .tag("job", jobName)
                .tag("entity", entity.name())
                .register(registry);
        onCommit(counter::increment);
    }

    /** Rows the import wrote (inserted or updated); inside a transaction, counted when it commits. */
    public void importedRows(EntityKind entity, long rows) {
        Counter counter = Counter.builder("sync.import.rows")
                .description("Rows the import wrote")
                .tag("entity", entity.name())
                .register(registry);
        onCommit(() -> counter.increment(rows));
    }

    private static void onCommit(Runnable count) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    /** The two backlog figures, queried when a scrape asks for them. */
    private record ChangeLogBacklog(JdbcClient jdbc, Clock clock) {

        double size() {
            try {
                return jdbc.sql("SELECT COUNT(*) FROM change_log").query(Long.class).single();
            } catch (RuntimeException e) {
                return Double.NaN; // the database is away: health says so, the gauge just has no value
            }
        }

        double oldestAgeSeconds() {
            try {
                return jdbc.sql("SELECT changed_at FROM change_log ORDER BY id LIMIT 1")
                        .query(Timestamp.class).optional()
                        .map(oldest -> Math.max(0, Duration.between(oldest.toInstant(), Instant.now(clock))
                                .toMillis() / 1000.0))
                        .orElse(0.0);
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }
    }
}
