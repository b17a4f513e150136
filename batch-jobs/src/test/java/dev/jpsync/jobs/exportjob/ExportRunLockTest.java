package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.jpsync.jobs.launch.JobRuns;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * The run lock is held for the whole run and checked before each chunk: when its connection dies (a DBA's
 * {@code KILL}, a network blip, {@code wait_timeout}) the run stops before sending another chunk, so that
 * another instance can take over without anything being sent twice.
 */
@SpringBootTest(properties = {"sync.export.chunk-size=2", "sync.export.concurrency=1"})
@SpringBatchTest
@UseTestDatabase
class ExportRunLockTest extends ExportJobTestSupport {

    private static final String RUN_LOCK = "LEFT(CONCAT('jpsync.run.', DATABASE(), '.exportJob'), 64)";

    @Autowired
    JobRuns jobRuns;

    @Test
    void killingTheRunLocksConnectionStopsTheRunBeforeItsNextChunkAndAnotherRunSendsTheRestOnce() throws Exception {
        for (long id = 1; id <= 10; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, ' edited')");
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(okJson("{}").withFixedDelay(400)));

        ExecutorService launcher = Executors.newSingleThreadExecutor();
        try {
            Future<JobExecution> first = launcher.submit(() -> jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (remote.getAllServeEvents().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(remote.getAllServeEvents()).isNotEmpty(); // the first chunk is being sent
            Long holder = jdbc.queryForObject("SELECT IS_USED_LOCK(" + RUN_LOCK + ")", Long.class);
            assertThat(holder).isNotNull();
            jdbc.execute("KILL " + holder); // as a DBA would, from another connection

            JobExecution stopped = first.get(30, TimeUnit.SECONDS);
            assertThat(stopped.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(stopped.getExitStatus().getExitDescription()).contains("lost its run lock");
            // the chunk under way when the lock went was finished; no other chunk was sent
            assertThat(remote.getAllServeEvents()).hasSize(2);
        } finally {
            launcher.shutdownNow();
        }

        JobExecution second = jobRuns.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test");

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (long id = 1; id <= 10; id++) {
            remote.verify(1, putRequestedFor(urlEqualTo("/posts/" + id)));
        }
        assertThat(remote.getAllServeEvents()).hasSize(10);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
        assertThat(count("SELECT COUNT(*) FROM change_log_archive WHERE outcome = 'SENT'")).isEqualTo(10);
    }
}
