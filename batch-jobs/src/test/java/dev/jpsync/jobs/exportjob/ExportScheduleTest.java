package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import dev.jpsync.jobs.schedule.ExportSchedule;
import dev.jpsync.jobs.schedule.ExportScheduleConfiguration;
import dev.jpsync.testsupport.UseTestDatabase;

/** The scheduled export runs only when the change log has entries and no export holds the lock. */
@SpringBootTest
@SpringBatchTest
@UseTestDatabase
class ExportScheduleTest extends ExportJobTestSupport {

    @Autowired
    ExportSchedule schedule;
    @Autowired
    ApplicationContext context;

    @Test
    void runsOnlyWhenTheChangeLogHasEntries() {
        assertThat(schedule.runIfPending()).isEmpty();

        importedPost(1, "one");
        jdbc.update("UPDATE posts SET title = 'x' WHERE id = 1");
        remote.stubFor(put("/posts/1").willReturn(okJson("{}")));
        assertThat(schedule.runIfPending()).hasValueSatisfying(e -> assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED));
        assertThat(remote.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(urlEqualTo("/posts/1")))).hasSize(1);

        assertThat(schedule.runIfPending()).isEmpty();
    }

    @Test
    void doesNotStartWhileAnotherExportHoldsTheLock() {
        importedPost(1, "one");
        jdbc.update("UPDATE posts SET title = 'x' WHERE id = 1");
        ExportLock other = new ExportLock(jdbc.getDataSource());
        assertThat(other.tryAcquire(-7)).isTrue();
        try {
            assertThat(schedule.runIfPending()).isEmpty();
        } finally {
            other.release(-7);
        }
        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(1);
    }

    @Test
    void theCommandLineRunnerNeverSchedules() {
        // not a web application: the schedule stays off
        assertThat(context.getBeanNamesForType(ExportScheduleConfiguration.class)).isEmpty();
    }
}
