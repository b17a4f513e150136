package dev.jpsync.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The jobs' worker threads log with the job execution id of the step that handed them the work, and finish it on shutdown. */
class JobThreadPoolsTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void tasksRunWithTheSubmittersLoggingContextAndLeaveNoneBehind() throws Exception {
        ThreadPoolTaskExecutor pool = JobThreadPools.fixed("export-send-", 1); // one worker: the second task runs on the same thread
        pool.initialize();
        try {
            MDC.put(JobLoggingContext.JOB_EXECUTION_ID, "42");
            MDC.put(JobLoggingContext.STEP_NAME, "exportSend");
            AtomicReference<String> seen = new AtomicReference<>();
            AtomicReference<String> step = new AtomicReference<>();
            AtomicReference<String> thread = new AtomicReference<>();
            pool.submit(() -> {
                seen.set(MDC.get(JobLoggingContext.JOB_EXECUTION_ID));
                step.set(MDC.get(JobLoggingContext.STEP_NAME));
                thread.set(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : ""));
            }).get();
            assertThat(seen).hasValue("42");
            assertThat(step).hasValue("exportSend");
            assertThat(thread).hasValue("export-send-1 daemon");

            MDC.clear();
            AtomicReference<String> later = new AtomicReference<>("unset");
            pool.submit(() -> later.set(MDC.get(JobLoggingContext.JOB_EXECUTION_ID))).get();
            assertThat(later.get()).isNull();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shutdownLetsATaskUnderWayFinish() throws Exception {
        ThreadPoolTaskExecutor pool = JobThreadPools.growing("remote-body-writer-");
        pool.initialize();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        pool.shutdown(); // as the application context does when it closes

        assertThat(finished).isTrue();
    }
}
