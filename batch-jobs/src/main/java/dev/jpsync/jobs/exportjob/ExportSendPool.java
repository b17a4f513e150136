package dev.jpsync.jobs.exportjob;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.task.TaskDecorator;

import dev.jpsync.jobs.JobLoggingContext;

/**
 * The threads that make the export's calls, {@code sync.export.concurrency} of them. Deliberately not an
 * {@code Executor} bean, so that it does not replace Spring Boot's application task executor. Each call
 * runs with the submitting thread's logging context (job execution id, job and step name), so that the
 * workers' log lines carry the execution id like the step's own.
 */
class ExportSendPool implements AutoCloseable {

    private static final TaskDecorator LOGGING_CONTEXT = JobLoggingContext.propagating();

    private final ExecutorService executor;

    ExportSendPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "export-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    Future<?> submit(Runnable call) {
        return executor.submit(LOGGING_CONTEXT.decorate(call));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
