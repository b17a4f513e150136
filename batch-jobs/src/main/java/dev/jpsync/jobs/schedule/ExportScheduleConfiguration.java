package dev.jpsync.jobs.schedule;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import dev.jpsync.jobs.exportjob.ExportProperties;

/**
 * The service (a web application) exports every {@code sync.export.interval} after the previous run
 * ended; {@code sync.export.scheduled=false} turns it off. The command-line runner, which runs one job and
 * exits, never schedules.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "sync.export.scheduled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
public class ExportScheduleConfiguration implements SchedulingConfigurer {

    private final ExportSchedule schedule;
    private final ExportProperties properties;

    public ExportScheduleConfiguration(ExportSchedule schedule, ExportProperties properties) {
        this.schedule = schedule;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // the first run waits one interval too, so that a starting service is up before it exports
        registrar.addFixedDelayTask(new FixedDelayTask(schedule::runIfPending, properties.interval(), properties.interval()));
    }
}
