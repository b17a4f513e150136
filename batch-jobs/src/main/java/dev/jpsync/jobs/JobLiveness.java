package dev.jpsync.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import dev.jpsync.jobs.schedule.JobLock;

/**
 * Tells a running job execution from one whose process died. While an execution runs, its process holds a
 * {@link JobLock} named after the schema and the job ({@code jpsync.run.<schema>.<job>}); the server frees it
 * when the holding connection ends, also when the process is killed. An execution still marked as running
 * whose lock is free, and that was created more than {@link #GRACE} ago (a launch that has not yet reached its
 * first listener holds no lock yet), was left behind by a process that ended: see {@link JobRuns}, which marks
 * it FAILED (restartable) instead of refusing every later launch.
 */
@Component
public class JobLiveness implements JobExecutionListener, BeanPostProcessor, Ordered {

    static final Duration GRACE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(JobLiveness.class);

    private final ObjectProvider<JobLock> locks;
    private final ObjectProvider<DataSource> dataSource;
    private final Map<Long, JobLock.Held> held = new ConcurrentHashMap<>();
    private volatile String schema;

    public JobLiveness(ObjectProvider<JobLock> locks, ObjectProvider<DataSource> dataSource) {
        this.locks = locks;
        this.dataSource = dataSource;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(this);
        }
        return bean;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        try {
            // not taken: another execution of this job holds it, which is alive, and so this one counts as alive
            locks.getObject().tryAcquire(lockName(job), Duration.ZERO).ifPresent(lock -> held.put(execution.getId(), lock));
        } catch (DataAccessException e) {
            log.warn("Could not take the liveness lock of {} execution {}; if its process dies, the execution "
                    + "stays marked as running", job, execution.getId(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        JobLock.Held lock = held.remove(execution.getId());
        if (lock != null) {
            lock.close();
        }
    }

    /** Whether an execution marked as running was left behind by a process that ended. */
    public boolean isAbandoned(JobExecution execution) {
        LocalDateTime created = execution.getCreateTime();
        if (created != null && created.isAfter(LocalDateTime.now().minus(GRACE))) {
            return false;
        }
        try {
            return locks.getObject().isFree(lockName(execution.getJobInstance().getJobName()));
        } catch (DataAccessException e) {
            return false; // when in doubt, it runs
        }
    }

    /** Lock names are server-wide; the schema keeps applications on different schemas of one server apart. */
    private String lockName(String job) {
        if (schema == null) {
            try (Connection connection = dataSource.getObject().getConnection()) {
                schema = connection.getCatalog();
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("Could not read the current schema", e);
            }
        }
        return "jpsync.run." + schema + "." + job;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
