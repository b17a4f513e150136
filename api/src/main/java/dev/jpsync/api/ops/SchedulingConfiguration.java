package dev.jpsync.api.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The service runs the schedules of batch-jobs' {@code JobSchedules}; the command-line runner, which shares
 * that package, does not enable scheduling and so runs only the job it was asked for.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {
}
