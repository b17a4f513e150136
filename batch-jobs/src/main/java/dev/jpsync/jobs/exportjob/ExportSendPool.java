package dev.jpsync.jobs.exportjob;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.core.task.TaskDecorator;

import dev.jpsync.jobs.DaemonThreads;
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
        this.executor = Executors.newFixedThreadPool(threads, DaemonThreads.named("export-send-"));
    }

    Future<?> submit(Runnable call) {
        return executor.submit(LOGGING_CONTEXT.decorate(call));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
