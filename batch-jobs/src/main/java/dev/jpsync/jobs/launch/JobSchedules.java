package dev.jpsync.jobs.launch;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Registers the import, export and verify schedules of {@link ScheduleProperties} (the import on first start is
 * {@code ImportOnStartup}'s, {@code sync.import.on-startup}). Active only where scheduling is
 * enabled ({@code @EnableScheduling}: the service, not the one-shot command-line runner).
 * <p>
 * Multi-instance safe: each run goes through {@link JobRuns}, which launches only while no live run of that job
 * holds its run lock; a schedule that finds its job running (here, in another instance or on the command line)
 * skips the turn.
 */
@Component
@EnableConfigurationProperties(ScheduleProperties.class)
public class JobSchedules implements SchedulingConfigurer {

    /** Who launched, as recorded in the execution's parameters. */
    public static final String LAUNCHED_BY = "schedule";

    private static final Logger log = LoggerFactory.getLogger(JobSchedules.class);

    private final ScheduleProperties properties;
    private final JobRuns jobRuns;
    private final JdbcClient jdbc;

    public JobSchedules(ScheduleProperties properties, JobRuns jobRuns, JdbcClient jdbc) {
        this.properties = properties;
        this.jobRuns = jobRuns;
        this.jdbc = jdbc;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        ScheduleProperties.JobSchedule export = properties.export();
        schedule(registrar, export, () -> runExport(export.job()));
        ScheduleProperties.JobSchedule importJob = properties.importJob();
        schedule(registrar, importJob, () -> run(importJob.job()));
        ScheduleProperties.JobSchedule verify = properties.verify();
        schedule(registrar, verify, () -> run(verify.job()));
    }

    private void schedule(ScheduledTaskRegistrar registrar, ScheduleProperties.JobSchedule schedule, Runnable run) {
        if (!schedule.enabled() || !known(schedule.job())) {
            return;
        }
        if (schedule.hasCron()) {
            registrar.addCronTask(run, schedule.cron());
            log.info("Scheduled {} by cron '{}'", schedule.job(), schedule.cron());
        } else {
            registrar.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(
                    run, schedule.fixedDelay(), schedule.initialDelay()));
            log.info("Scheduled {} every {} after the previous run (first after {})", schedule.job(),
                    schedule.fixedDelay(), schedule.initialDelay());
        }
    }

    private boolean known(String job) {
        if (jobRuns.job(job).isEmpty()) {
            log.warn("No job named '{}' in this application; its schedule is off", job);
            return false;
        }
        return true;
    }

    /** The export only runs when there is something to send. */
    void runExport(String job) {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM change_log)").query(Boolean.class).single()) {
            run(job);
        } else {
            log.debug("change_log is empty; scheduled {} skipped", job);
        }
    }

    void run(String job) {
        try {
            jobRuns.start(job, Map.of(), LAUNCHED_BY);
        } catch (JobRunRefusedException e) {
            // another instance, an operator or the command line got there first: skip this turn
            log.info("Scheduled run of {} skipped: {}", job, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Scheduled run of {} could not be launched", job, e);
        }
    }
}
