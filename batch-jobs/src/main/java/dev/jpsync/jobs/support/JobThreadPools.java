package dev.jpsync.jobs.support;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The one way the jobs make a thread pool: a Spring {@link ThreadPoolTaskExecutor}, declared as a bean so that
 * the application context starts and stops it. Its threads are named {@code <prefix>1}, {@code <prefix>2}, ...;
 * daemons, so that they never keep the JVM alive; every task runs with the submitting thread's logging context
 * ({@link JobLoggingContext#propagating()}), so that its log lines carry the job execution id; on shutdown the
 * pool finishes the tasks it has (a call under way is recorded, not cut off) for up to {@link #SHUTDOWN_WAIT_SECONDS}.
 * <p>
 * Declare the beans with {@code @Bean(defaultCandidate = false)} and inject them by qualifier: an
 * {@code Executor} that is a default candidate would replace Spring Boot's application task executor.
 */
public final class JobThreadPools {

    static final int SHUTDOWN_WAIT_SECONDS = 30;

    private JobThreadPools() {
    }

    /** A pool of a fixed number of threads with an unbounded queue. */
    public static ThreadPoolTaskExecutor fixed(String threadNamePrefix, int threads) {
        ThreadPoolTaskExecutor executor = base(threadNamePrefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        return executor;
    }

    /** A pool that starts a thread when none is idle and lets idle threads go after a minute; no queue. */
    public static ThreadPoolTaskExecutor growing(String threadNamePrefix) {
        ThreadPoolTaskExecutor executor = base(threadNamePrefix);
        executor.setCorePoolSize(0);
        executor.setMaxPoolSize(Integer.MAX_VALUE);
        executor.setQueueCapacity(0);
        executor.setKeepAliveSeconds(60);
        return executor;
    }

    private static ThreadPoolTaskExecutor base(String threadNamePrefix) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(threadNamePrefix);
        executor.setDaemon(true);
        executor.setTaskDecorator(JobLoggingContext.propagating());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(SHUTDOWN_WAIT_SECONDS);
        return executor;
    }
}
