package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;

import dev.jpsync.testsupport.UseTestDatabase;

/** The export's exit description counts in English. (Same context as PendingPreviewTest.) */
@SpringBootTest(properties = {"sync.remote.retry.max-attempts=1", "sync.export.chunk-size=3", "sync.export.concurrency=1"})
@SpringBatchTest
@UseTestDatabase
class ExportExitDescriptionTest extends ExportJobTestSupport {

    @Test
    void oneArchivedEntryIsOneEntry() throws Exception {
        importedPost(1, "one");
        jdbc.update("UPDATE posts SET title = 'edited' WHERE id = 1");
        remote.stubFor(any(anyUrl()).willReturn(okJson("{}")));

        JobExecution one = runExport();

        assertThat(one.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(one.getExitStatus().getExitDescription()).contains("1 entry archived").doesNotContain("1 entries");

        jdbc.update("UPDATE posts SET title = 'again' WHERE id = 1");
        jdbc.update("UPDATE posts SET title = 'and again' WHERE id = 1");
        assertThat(runExport().getExitStatus().getExitDescription()).contains("2 entries archived");
    }
}
