package dev.jpsync.jobs.launch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Keeps a run's {@link RunLock} for as long as the run lasts. The lock {@link JobRuns} took at launch is handed
 * over to the run when it starts (a run launched some other way, e.g. straight through Batch's operator, takes
 * it itself, and fails at once when a live run holds it); it is released when the run ends.
 * <p>
 * Before each chunk the run checks that it still holds the lock: a run whose lock connection ended (killed,
 * timed out, dropped) may already have a successor, so it fails before that chunk's writes instead of doing
 * them a second time. Chunk steps add this class as a listener in their job configuration; the hand-over and
 * the release apply to every job of the application (registered as a {@link BeanPostProcessor}), so that no
 * job can keep its lock after its run.
 */
@Component
public class RunLockGuard implements JobExecutionListener, ChunkListener<Object, Object>, BeanPostProcessor, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RunLockGuard.class);

    // a BeanPostProcessor is created early: the lock (and with it the DataSource) is looked up when first used
    private final ObjectProvider<RunLock> runLock;
    /** Taken by a launch, not yet picked up by its run; by job name, as a job has at most one such run. */
    private final Map<String, RunLock.Held> handedOver = new ConcurrentHashMap<>();
    private final Map<Long, RunLock.Held> heldByExecution = new ConcurrentHashMap<>();

    public RunLockGuard(ObjectProvider<RunLock> runLock) {
        this.runLock = runLock;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(this);
        }
        return bean;
    }

    /** A launch took the lock: the run it starts will hold it. */
    void handOver(RunLock.Held lock) {
        handedOver.put(lock.job(), lock);
    }

    /** A launch that failed before its run started gives the lock back. */
    void withdraw(RunLock.Held lock) {
        if (handedOver.remove(lock.job(), lock)) {
            lock.close();
        }
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        RunLock.Held lock = handedOver.remove(job);
        if (lock == null) {
            lock = runLock.getObject().tryTake(job).orElseThrow(() -> new RunLockTakenException(job));
        }
        heldByExecution.put(execution.getId(), lock);
        log.debug("Execution {} of {} holds its run lock {}", execution.getId(), job, lock);
    }

    @Override
    public void afterJob(JobExecution execution) {
        RunLock.Held lock = heldByExecution.remove(execution.getId());
        if (lock != null) {
            lock.close();
        }
    }

    @Override
    public void beforeChunk(Chunk<Object> chunk) {
        StepContext step = StepSynchronizationManager.getContext();
        if (step == null) {
            return;
        }
        long executionId = step.getStepExecution().getJobExecutionId();
        RunLock.Held lock = heldByExecution.get(executionId);
        if (lock == null || !lock.isStillHeld()) {
            String job = step.getStepExecution().getJobExecution().getJobInstance().getJobName();
            log.error("Execution {} of {} lost its run lock {}; stopping before the next chunk", executionId, job, lock);
            throw new RunLockLostException(job, lock == null ? "none" : lock.name());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** A run found the job's lock held by another, live run (which did not come through {@link JobRuns}). */
    static class RunLockTakenException extends RuntimeException {
        RunLockTakenException(String job) {
            super("another run of " + job + " holds its run lock (in this process or another one on this database);"
                    + " this run did nothing");
        }
    }

    /** The run's lock connection ended, so another run may hold the lock now. */
    static class RunLockLostException extends RuntimeException {
        RunLockLostException(String job, String lock) {
            super(job + " lost its run lock " + lock + " (its database connection ended: killed, timed out or"
                    + " dropped), so another run may have started; stopped before the next chunk, nothing more was"
                    + " sent or written. Restart it or wait for the next run");
        }
    }
}
