package dev.jpsync.api.jobs;

import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * In the service, the job operator runs jobs on their own threads, so that a launch from the endpoint or a
 * schedule returns as soon as the execution exists (the command-line runner keeps Batch's synchronous
 * default and waits). Jobs are few and long: one thread per run, never more than one per job (JobRuns and its run lock).
 */
@Configuration(proxyBeanMethods = false)
class JobExecutorConfiguration {

    // not a default candidate: Boot keeps its own applicationTaskExecutor, and only Batch gets this one
    @Bean(defaultCandidate = false)
    @BatchTaskExecutor
    TaskExecutor jobTaskExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("job-");
        executor.setConcurrencyLimit(8);
        return executor;
    }
}
