package dev.jpsync.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.springframework.stereotype.Component;

/**
 * Tells a running job execution from one whose process died. While an execution runs, its process holds a
 * database lock named after the job and the schema ({@code GET_LOCK}, on a connection set aside for the run);
 * the server frees it when that connection ends, also when the process is killed. An execution still marked
 * as running whose lock is free, and that was created more than {@link #GRACE} ago (a launch that has not yet
 * reached its first listener holds no lock yet), was left behind by a process that ended: see
 * {@link JobRuns}, which marks it FAILED (restartable) instead of refusing every later launch.
 */
@Component
public class JobLiveness implements JobExecutionListener, BeanPostProcessor, Ordered {

    static final Duration GRACE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(JobLiveness.class);
    private static final String NAME = "LEFT(CONCAT('jpsync.run.', DATABASE(), '.', ?), 64)";

    private final ObjectProvider<DataSource> dataSource;
    private final Map<Long, Connection> held = new ConcurrentHashMap<>();

    public JobLiveness(ObjectProvider<DataSource> dataSource) {
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
            Connection connection = dataSource.getObject().getConnection();
            if (query(connection, "SELECT GET_LOCK(" + NAME + ", 0)", job) == 1) {
                held.put(execution.getId(), connection);
            } else {
                // held by another execution of this job: that one is alive, and so this one counts as alive too
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not take the liveness lock of {} execution {}; if its process dies, the execution "
                    + "stays marked as running for {} s longer", job, execution.getId(), GRACE.toSeconds(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        Connection connection = held.remove(execution.getId());
        if (connection == null) {
            return;
        }
        try (connection) {
            query(connection, "SELECT RELEASE_LOCK(" + NAME + ")", execution.getJobInstance().getJobName());
        } catch (SQLException e) {
            log.debug("Closing the liveness connection of execution {}", execution.getId(), e);
        }
    }

    /** Whether an execution marked as running was left behind by a process that ended. */
    public boolean isAbandoned(JobExecution execution) {
        LocalDateTime created = execution.getCreateTime();
        if (created != null && created.isAfter(LocalDateTime.now().minus(GRACE))) {
            return false;
        }
        try (Connection connection = dataSource.getObject().getConnection()) {
            return query(connection, "SELECT IS_FREE_LOCK(" + NAME + ")", execution.getJobInstance().getJobName()) == 1;
        } catch (SQLException e) {
            return false; // when in doubt, it runs
        }
    }

    private static int query(Connection connection, String sql, String job) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, job);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
