package dev.jpsync.jobs.launch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.scheduling.support.CronExpression;

/**
 * When the service runs the jobs by itself ({@code sync.schedule.*}; environment e.g.
 * {@code SYNC_SCHEDULE_EXPORT_CRON}). Each schedule runs its job either by {@code cron} (wins when set) or
 * with a {@code fixed-delay} between the end of one run and the start of the next. The export's older names
 * {@code sync.export.scheduled} and {@code sync.export.interval} still set its schedule ({@link ScheduleAliases}).
 *
 * @param export    the export schedule: on, every 60 s (a run with an empty change log does nothing)
 * @param importJob the import schedule: off (see {@code sync.import.on-startup}); every 24 h when turned on
 * @param verify    the drift report's schedule ({@code verifyJob}): off unless a cron is given
 *                  ({@code sync.verify.cron} is another name for {@code sync.schedule.verify.cron})
 */
@ConfigurationProperties("sync.schedule")
public record ScheduleProperties(@DefaultValue Export export, @Name("import") @DefaultValue Import importJob,
                                 @DefaultValue Verify verify) {

    /** What the scheduler needs of a schedule. */
    public sealed interface JobSchedule permits Export, Import, Verify {

        boolean enabled();

        String job();

        Duration fixedDelay();

        String cron();

        Duration initialDelay();

        default boolean hasCron() {
            return cron() != null && !cron().isBlank();
        }
    }

    /**
     * @param enabled      whether the export runs periodically
     * @param job          the name of the job bean to run
     * @param fixedDelay   pause between the end of a run and the next start (used when no cron is set)
     * @param cron         Spring cron expression (six fields, with seconds), e.g. {@code 0 *&#47;5 * * * *};
     *                     wins over fixed-delay
     * @param initialDelay pause after startup before the first fixed-delay run; by default the fixed delay
     */
    public record Export(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("exportJob") String job,
            @DefaultValue("60s") Duration fixedDelay,
            String cron,
            Duration initialDelay) implements JobSchedule {

        public Export {
            check(job, fixedDelay, cron, initialDelay);
            initialDelay = initialDelay != null ? initialDelay : fixedDelay;
        }
    }

    /**
     * @param enabled      whether the import runs periodically
     * @param job          the name of the job bean to run
     * @param fixedDelay   pause between the end of a run and the next start (used when no cron is set)
     * @param cron         Spring cron expression (six fields, with seconds); wins over fixed-delay
     * @param initialDelay pause after startup before the first fixed-delay run; by default the fixed delay
     */
    public record Import(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("importJob") String job,
            @DefaultValue("24h") Duration fixedDelay,
            String cron,
            Duration initialDelay) implements JobSchedule {

        public Import {
            check(job, fixedDelay, cron, initialDelay);
            initialDelay = initialDelay != null ? initialDelay : fixedDelay;
        }
    }

    /**
     * @param enabled      whether the verify job runs every fixed-delay; a cron turns it on by itself
     * @param job          the name of the job bean to run
     * @param fixedDelay   pause between the end of a run and the next start (used when no cron is set)
     * @param cron         Spring cron expression (six fields, with seconds), e.g. {@code 0 0 3 * * *}; turns the
     *                     schedule on and wins over fixed-delay
     * @param initialDelay pause after startup before the first fixed-delay run; by default the fixed delay
     */
    public record Verify(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("verifyJob") String job,
            @DefaultValue("24h") Duration fixedDelay,
            String cron,
            Duration initialDelay) implements JobSchedule {

        public Verify {
            check(job, fixedDelay, cron, initialDelay);
            enabled = enabled || cron != null && !cron.isBlank();
            initialDelay = initialDelay != null ? initialDelay : fixedDelay;
        }
    }

    private static void check(String job, Duration fixedDelay, String cron, Duration initialDelay) {
        if (cron != null && !cron.isBlank() && !CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("'" + cron + "' is not a valid cron expression "
                    + "(six fields: second minute hour day-of-month month day-of-week)");
        }
        if (fixedDelay == null || fixedDelay.isNegative() || fixedDelay.isZero()) {
            throw new IllegalArgumentException("fixed-delay must be positive, not " + fixedDelay);
        }
        if (initialDelay != null && initialDelay.isNegative()) {
            throw new IllegalArgumentException("initial-delay must not be negative, not " + initialDelay);
        }
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("job must name a job");
        }
    }
}
