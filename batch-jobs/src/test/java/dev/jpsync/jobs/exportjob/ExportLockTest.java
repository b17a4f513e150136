package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.jpsync.jobs.SyncJobsApplication;
import dev.jpsync.testsupport.UseTestDatabase;

/** Two application contexts on ONE database, as two service instances would be, export at the same time. */
@SpringBootTest(properties = "sync.export.concurrency=2")
@SpringBatchTest
@UseTestDatabase
class ExportLockTest extends ExportJobTestSupport {

    @Autowired
    Environment environment;

    @Test
    void onlyOneOfTwoInstancesExportsAndNothingIsSentTwice() throws Exception {
        for (long id = 1; id <= 10; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, ' edited')");
        // slow enough that the two runs would overlap without the lock
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(okJson("{}").withFixedDelay(500)));

        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(SyncJobsApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                        "spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                        "sync.embedded-db.enabled=false",
                        "sync.export.concurrency=2",
                        "sync.remote.base-url=" + remote.baseUrl())
                .run()) {
            JobOperator otherOperator = other.getBean(JobOperator.class);
            Job otherJob = other.getBean("exportJob", Job.class);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService two = Executors.newFixedThreadPool(2);
            Callable<JobExecution> here = () -> {
                start.await();
                return jobOperator.start(exportJob, new JobParametersBuilder().addString("instance", "A").toJobParameters());
            };
            Callable<JobExecution> there = () -> {
                start.await();
                return otherOperator.start(otherJob, new JobParametersBuilder().addString("instance", "B").toJobParameters());
            };
            Future<JobExecution> a = two.submit(here);
            Future<JobExecution> b = two.submit(there);
            start.countDown();
            List<JobExecution> runs = List.of(a.get(), b.get());
            two.shutdown();

            assertThat(runs).extracting(JobExecution::getStatus)
                    .containsExactlyInAnyOrder(BatchStatus.COMPLETED, BatchStatus.FAILED);
            JobExecution loser = runs.stream().filter(r -> r.getStatus() == BatchStatus.FAILED).findFirst().orElseThrow();
            assertThat(loser.getExitStatus().getExitDescription()).contains("another export execution is running");
            // the loser failed in its first step, before fixing a window or reading anything
            assertThat(loser.getStepExecutions()).extracting(s -> s.getStepName()).containsExactly("exportTakeLock");
        }
        for (long id = 1; id <= 10; id++) {
            remote.verify(1, putRequestedFor(urlEqualTo("/posts/" + id)));
        }
        assertThat(remote.getAllServeEvents()).hasSize(10);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
        assertThat(count("SELECT COUNT(*) FROM change_log_archive WHERE outcome = 'SENT'")).isEqualTo(10);
    }

    @Test
    void theLockIsFreeAgainAfterARun() throws Exception {
        ExportLock lock = new ExportLock(jdbc.getDataSource());
        assertThat(lock.isFree()).isTrue();
        assertThat(lock.tryAcquire(-1)).isTrue();
        assertThat(lock.isFree()).isFalse();
        // a run while someone else holds it fails at once
        JobExecution blocked = runExport();
        assertThat(blocked.getStatus()).isEqualTo(BatchStatus.FAILED);
        lock.release(-1);
        assertThat(lock.isFree()).isTrue();
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(lock.isFree()).isTrue();
    }
}
