package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.jpsync.jobs.SyncJobsApplication;
import dev.jpsync.jobs.launch.JobRunRefusedException;
import dev.jpsync.jobs.launch.JobRuns;
import dev.jpsync.jobs.launch.RunLock;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * Two application contexts on ONE database, as two service instances (or the service and the command line)
 * would be, export at the same time: one run holds the export's run lock, the other does not run.
 */
@SpringBootTest(properties = "sync.export.concurrency=2")
@SpringBatchTest
@UseTestDatabase
class ExportLockTest extends ExportJobTestSupport {

    @Autowired
    Environment environment;
    @Autowired
    ApplicationContext context;

    /** A second instance of the jobs application on the same database. */
    private ConfigurableApplicationContext otherInstance() {
        return new SpringApplicationBuilder(SyncJobsApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                        "spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                        "sync.embedded-db.enabled=false",
                        "sync.export.concurrency=2",
                        "sync.remote.base-url=" + remote.baseUrl())
                .run();
    }

    @Test
    void onlyOneOfTwoInstancesExportsAndNothingIsSentTwice() throws Exception {
        for (long id = 1; id <= 10; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, ' edited')");
        // slow enough that the two runs would overlap without the lock
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(okJson("{}").withFixedDelay(500)));

        try (ConfigurableApplicationContext other = otherInstance()) {
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
            assertThat(loser.getExitStatus().getExitDescription()).contains("another run of exportJob holds its run lock");
            // launched past the door, the loser found the run lock taken as it started: no window, nothing read
            assertThat(loser.getStepExecutions()).isEmpty();
        }
        for (long id = 1; id <= 10; id++) {
            remote.verify(1, putRequestedFor(urlEqualTo("/posts/" + id)));
        }
        assertThat(remote.getAllServeEvents()).hasSize(10);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
        assertThat(count("SELECT COUNT(*) FROM change_log_archive WHERE outcome = 'SENT'")).isEqualTo(10);
    }

    @Test
    void twoInstancesLaunchingThroughTheDoorRunOneExportAndRefuseTheOther() throws Exception {
        for (long id = 1; id <= 10; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, ' edited')");
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(okJson("{}").withFixedDelay(500)));

        try (ConfigurableApplicationContext other = otherInstance()) {
            JobRuns here = context.getBean(JobRuns.class);
            JobRuns there = other.getBean(JobRuns.class);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService two = Executors.newFixedThreadPool(2);
            Callable<Object> launchHere = () -> launch(start, here);
            Callable<Object> launchThere = () -> launch(start, there);
            Future<Object> a = two.submit(launchHere);
            Future<Object> b = two.submit(launchThere);
            start.countDown();
            List<Object> outcomes = List.of(a.get(), b.get());
            two.shutdown();

            assertThat(outcomes).filteredOn(JobExecution.class::isInstance).singleElement()
                    .extracting(o -> ((JobExecution) o).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(outcomes).filteredOn(JobRunRefusedException.class::isInstance).singleElement()
                    .satisfies(o -> assertThat(((JobRunRefusedException) o).reason())
                            .isEqualTo(JobRunRefusedException.Reason.ALREADY_RUNNING));
        }
        for (long id = 1; id <= 10; id++) {
            remote.verify(1, putRequestedFor(urlEqualTo("/posts/" + id)));
        }
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
    }

    private static Object launch(CountDownLatch start, JobRuns door) throws InterruptedException {
        start.await();
        try {
            return door.start(ExportJobConfiguration.JOB_NAME, Map.of(), "test");
        } catch (JobRunRefusedException e) {
            return e;
        }
    }

    @Test
    void aRunLaunchedPastTheDoorFailsWhileTheLockIsHeldAndTheLockIsFreeAgainAfterARun() throws Exception {
        RunLock lock = new RunLock(jdbc.getDataSource());
        try (RunLock.Held held = lock.tryTake(ExportJobConfiguration.JOB_NAME).orElseThrow()) {
            assertThat(lock.tryTake(ExportJobConfiguration.JOB_NAME)).isEmpty();
            // a run while someone else holds it fails at once
            JobExecution blocked = runExport();
            assertThat(blocked.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(blocked.getStepExecutions()).isEmpty();
        }
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        try (RunLock.Held again = lock.tryTake(ExportJobConfiguration.JOB_NAME).orElseThrow()) {
            assertThat(again.name()).startsWith("jpsync.run.").endsWith(".exportJob");
        }
    }
}
