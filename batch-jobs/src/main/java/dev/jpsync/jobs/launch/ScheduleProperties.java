package dev.jpsync.jobs.launch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.scheduling.support.CronExpression;

/**
 * When the service runs the jobs by itself ({@code sync.schedule.*}; environment e.g.
 * {@code SYNC_SCHEDULE_EXPORT_CRON}). Each schedule runs its job either by {@code cron} (wins when set) or
 * with a {@code fixed-delay} between the end of one run and the start of the next.
 * <pre>
 * sync.schedule.export.enabled=true          every 60 s by default, only when change_log is not empty
 * sync.schedule.export.fixed-delay=60s
 * sync.schedule.export.cron=                 e.g. "0 *&#47;5 * * * *" (Spring cron, with seconds)
 * sync.schedule.import.enabled=false         no periodic import by default (see sync.import.on-startup)
 * sync.verify.cron=                          the drift report's schedule: off unless a cron is given
 * </pre>
 *
 * @param export    the export schedule; defaults: on, every 60 s, job {@code exportJob}
 * @param importJob the import schedule; defaults: periodic runs off (every 24 h when turned on), job {@code importJob}
 * @param verify    the verify job's schedule: on only by cron ({@code sync.verify.cron}, an alias of
 *                  {@code sync.schedule.verify.cron}), job {@code verifyJob}
 */
@ConfigurationProperties("sync.schedule")
public record ScheduleProperties(JobSchedule export, @Name("import") JobSchedule importJob, JobSchedule verify) {

    static final JobSchedule EXPORT_DEFAULTS = new JobSchedule(true, "exportJob", Duration.ofSeconds(60), null,
            Duration.ofSeconds(60));
    static final JobSchedule IMPORT_DEFAULTS = new JobSchedule(false, "importJob", Duration.ofHours(24), null,
            Duration.ofHours(24));
    static final JobSchedule VERIFY_DEFAULTS = new JobSchedule(null, "verifyJob", Duration.ofHours(24), null,
            Duration.ofHours(24));

    public ScheduleProperties {
        export = EXPORT_DEFAULTS.overriddenBy(export);
        importJob = IMPORT_DEFAULTS.overriddenBy(importJob);
        JobSchedule givenVerify = VERIFY_DEFAULTS.overriddenBy(verify);
        // a cron turns it on; without one it stays off unless enabled (then every fixed-delay)
        verify = new JobSchedule(givenVerify.enabled() != null ? givenVerify.enabled() : givenVerify.hasCron(),
                givenVerify.job(), givenVerify.fixedDelay(), givenVerify.cron(), givenVerify.initialDelay());
    }

    /**
     * One job's schedule; a null field takes the default of its schedule.
     *
     * @param enabled      whether the job runs periodically
     * @param job          the name of the job bean to run
     * @param fixedDelay   pause between the end of a run and the next start (used when no cron is set)
     * @param cron         Spring cron expression (six fields, with seconds); wins over fixed-delay
     * @param initialDelay pause after startup before the first fixed-delay run
     */
    public record JobSchedule(Boolean enabled, String job, Duration fixedDelay, String cron, Duration initialDelay) {

        public JobSchedule {
            if (cron != null && !cron.isBlank() && !CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("'" + cron + "' is not a valid cron expression "
                        + "(six fields: second minute hour day-of-month month day-of-week)");
            }
            if (fixedDelay != null && (fixedDelay.isNegative() || fixedDelay.isZero())) {
                throw new IllegalArgumentException("fixed-delay must be positive, not " + fixedDelay);
            }
            if (initialDelay != null && initialDelay.isNegative()) {
                throw new IllegalArgumentException("initial-delay must not be negative, not " + initialDelay);
            }
            if (job != null && job.isBlank()) {
                throw new IllegalArgumentException("job must name a job");
            }
        }

        public boolean hasCron() {
            return cron != null && !cron.isBlank();
        }

        JobSchedule overriddenBy(JobSchedule given) {
            if (given == null) {
                return this;
            }
            return new JobSchedule(
                    given.enabled != null ? given.enabled : enabled,
                    given.job != null ? given.job : job,
                    given.fixedDelay != null ? given.fixedDelay : fixedDelay,
                    given.cron != null ? given.cron : cron,
                    given.initialDelay != null ? given.initialDelay
                            : given.fixedDelay != null ? given.fixedDelay : initialDelay);
        }
    }
}
