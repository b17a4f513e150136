package dev.jpsync.jobs.exportjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * {@code sync.export.concurrency} is the number of calls under way at once, and writing down what came of a
 * call (a POST's remote id) does not hold a call back: while one record's id waits for the database, the
 * remote still gets that many calls at once, and never more.
 */
@SpringBootTest(properties = {"sync.export.chunk-size=100", "sync.export.concurrency=3"})
@UseTestDatabase
class ExportCallSlotsTest {

    static final int POSTS = 30;
    static final InMemoryRemote remote = InMemoryRemote.forTestClass(20);

    @DynamicPropertySource
    static void remoteUrl(DynamicPropertyRegistry registry) {
        registry.add("sync.remote.base-url", remote::baseUrl);
    }

    @AfterAll
    static void stop() {
        remote.close();
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CaptureSuppression captureSuppression;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier("exportJob")
    Job exportJob;

    @BeforeEach
    void emptyDatabase() {
        ExportJobTestSupport.emptyTables(jdbc, captureSuppression);
    }

    @Test
    void aRemoteIdWaitingForTheDatabaseHoldsNoCallBack() throws Exception {
        for (int i = 1; i <= POSTS; i++) {
            jdbc.update("INSERT INTO posts (user_id, title, body) VALUES (1, ?, 'b')", "p" + i);
        }
        long first = jdbc.queryForObject("SELECT MIN(id) FROM posts", Long.class);

        try (Connection locker = dataSource.getConnection()) {
            // the first post's row is locked, so storing its remote id waits until the end of this block
            locker.setAutoCommit(false);
            try (PreparedStatement lock = locker.prepareStatement("SELECT id FROM posts WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, first);
                lock.executeQuery().close();
            }
            CompletableFuture<JobExecution> export = CompletableFuture.supplyAsync(this::runExport);
            awaitRemote().until(() -> remote.posts().values().stream().anyMatch(p -> p.get("title").asString().equals("p1")));
            remote.countInFlightFromNow();
            awaitRemote().until(() -> remote.posts().size() == POSTS);

            assertThat(remote.mostInFlight()).as("calls under way at once while p1's id waits").isEqualTo(3);
            locker.rollback();

            JobExecution run = export.get(60, TimeUnit.SECONDS);
            assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM posts WHERE remote_id IS NULL", Long.class)).isZero();
    }

    private JobExecution runExport() {
        try {
            return jobOperator.start(exportJob, new JobParametersBuilder()
                    .addLong("run", System.nanoTime()).toJobParameters());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.awaitility.core.ConditionFactory awaitRemote() {
        return await("the remote").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5));
    }
}
