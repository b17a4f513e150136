package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;

import dev.jpsync.testsupport.UseTestDatabase;

/** More refusals in one run than sync.export.skip-limit fail the run; what was not decided stays in the log. */
@SpringBootTest(properties = {"sync.export.skip-limit=2", "sync.export.chunk-size=1", "sync.export.concurrency=1"})
@SpringBatchTest
@UseTestDatabase
class ExportSkipLimitTest extends ExportJobTestSupport {

    @Test
    void exceedingTheSkipLimitFailsTheRunWithAClearDescription() throws Exception {
        for (long id = 1; id <= 5; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, '?')");
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(aResponse().withStatus(404).withBody("{}")));

        JobExecution execution = runExport();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription())
                .contains("more than 2 changes were refused").contains("sync.export.skip-limit");
        // one chunk of one change at a time: the third refusal stops the run, posts 4 and 5 are not tried
        assertThat(count("SELECT COUNT(*) FROM sync_failure WHERE export_execution_id = ?", execution.getId())).isEqualTo(3);
        assertThat(remote.getAllServeEvents()).hasSize(3);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM change_log_archive")).isZero();
    }

    @Test
    void theLimitCountsTheRefusalsOfEarlierExecutionsOfTheSameInstance() throws Exception {
        for (long id = 1; id <= 5; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, '?')");
        remote.stubFor(put(urlMatching("/posts/[12]")).willReturn(aResponse().withStatus(404).withBody("{}")));
        remote.stubFor(put(urlMatching("/posts/[345]")).willReturn(aResponse().withStatus(503)));
        remote.stubFor(get(urlPathEqualTo("/posts")).willReturn(aResponse().withStatus(503)));
        JobExecution failed = runExport(); // two refusals, then the remote is down
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isEqualTo(2);

        remote.resetAll();
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(aResponse().withStatus(404).withBody("{}")));
        JobExecution restarted = jobOperator.restart(failed);

        // the third refusal of this job instance exceeds the limit of 2
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(restarted.getExitStatus().getExitDescription()).contains("more than 2 changes were refused");
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isEqualTo(3);
    }
}
