package dev.jpsync.jobs.exportjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.jpsync.jobs.launch.JobRunRefusedException;
import dev.jpsync.jobs.launch.JobRuns;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * A process killed mid-run leaves its execution marked STARTED. The next launch must not be refused forever:
 * an execution whose liveness lock is free (its process ended) and that is older than the grace period is
 * marked FAILED with a description, and the launch goes ahead; a live one is still refused.
 */
@SpringBootTest
@SpringBatchTest
@UseTestDatabase
class AbandonedExecutionTest extends ExportJobTestSupport {

    @Autowired
    JobRuns jobRuns;
    @Autowired
    DataSource dataSource;

    /** An execution as a killed process leaves it: STARTED, no end, created {@code minutesAgo} ago. */
    private long leftStarted(int minutesAgo) {
        JobExecution done = jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test");
        assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL, "
                + "CREATE_TIME = NOW(6) - INTERVAL ? MINUTE WHERE JOB_EXECUTION_ID = ?", minutesAgo, done.getId());
        return done.getId();
    }

    @Test
    void anExecutionWhoseProcessEndedIsMarkedFailedAndNoLongerBlocksLaunches() {
        long killed = leftStarted(5);

        JobExecution next = jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test");

        assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JobExecution recovered = jobRuns.execution(killed);
        assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(recovered.getEndTime()).isNotNull();
        assertThat(recovered.getExitStatus().getExitDescription()).contains("Abandoned").contains("Restart it");
    }

    @Test
    void aRecentOrLiveExecutionStillRefusesALaunch() throws Exception {
        long recent = leftStarted(0); // within the grace period: its process may not have taken its lock yet
        assertThatThrownBy(() -> jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test"))
                .isInstanceOf(JobRunRefusedException.class).hasMessageContaining("already running as execution " + recent);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', END_TIME = NOW(6) WHERE JOB_EXECUTION_ID = ?", recent);

        long old = leftStarted(5);
        // a process that is alive holds the job's liveness lock
        try (Connection process = dataSource.getConnection(); Statement st = process.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT GET_LOCK(LEFT(CONCAT('jpsync.run.', DATABASE(), '.exportJob'), 64), 0)")) {
            assertThat(rs.next() && rs.getInt(1) == 1).isTrue();
            assertThatThrownBy(() -> jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test"))
                    .isInstanceOf(JobRunRefusedException.class).hasMessageContaining("already running as execution " + old);
            assertThat(jobRuns.execution(old).getStatus()).isEqualTo(BatchStatus.STARTED);
            // the process ends: the server frees its lock with its connection (this one goes back to the
            // pool instead, so it lets go itself)
            st.execute("DO RELEASE_LOCK(LEFT(CONCAT('jpsync.run.', DATABASE(), '.exportJob'), 64))");
        }
        assertThat(jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobRuns.execution(old).getStatus()).isEqualTo(BatchStatus.FAILED);
    }
}
