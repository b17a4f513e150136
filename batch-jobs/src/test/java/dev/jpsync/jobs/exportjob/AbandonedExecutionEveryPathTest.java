package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import dev.jpsync.jobs.SyncJobsApplication;
import dev.jpsync.jobs.importjob.ImportJobConfiguration;
import dev.jpsync.jobs.importjob.ImportOnStartup;
import dev.jpsync.jobs.launch.JobCommandRunner;
import dev.jpsync.jobs.launch.JobRuns;
import dev.jpsync.jobs.launch.JobSchedules;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * A process killed mid-run leaves its execution marked STARTED, and its run lock free (the server dropped it
 * with the connection). Every way of launching recognises such an execution the same way, marks it FAILED with
 * a description, and goes ahead: none of them is blocked by it, none of them ignores it.
 */
@SpringBootTest
@SpringBatchTest
@UseTestDatabase
class AbandonedExecutionEveryPathTest extends ExportJobTestSupport {

    @Autowired
    JobRuns jobRuns;
    @Autowired
    JobSchedules schedules;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JdbcClient jdbcClient;
    @Autowired
    @Qualifier(ImportJobConfiguration.JOB_NAME)
    Job importJob;

    enum LaunchPath {
        ENDPOINT_LAUNCH, ENDPOINT_RESTART, ENDPOINT_STOP, SCHEDULE, COMMAND_LINE, COMMAND_LINE_RESTART, IMPORT_ON_STARTUP
    }

    @ParameterizedTest
    @EnumSource(LaunchPath.class)
    void everyLaunchPathMarksAKilledProcesssExecutionFailedAndGoesAhead(LaunchPath path) throws Exception {
        String job = path == LaunchPath.IMPORT_ON_STARTUP ? ImportJobConfiguration.JOB_NAME : ExportJobConfiguration.JOB_NAME;
        remote.stubFor(get("/posts").willReturn(okJson("[]")));
        remote.stubFor(get("/comments").willReturn(okJson("[]")));
        long killed = leftStartedByAKilledProcess(job);

        switch (path) {
            case ENDPOINT_LAUNCH -> assertThat(jobRuns.start(job, Map.of(), "endpoint").getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
            case ENDPOINT_RESTART -> assertThat(jobRuns.restart(killed).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            case ENDPOINT_STOP -> assertThat(jobRuns.stop(killed).getStatus()).isEqualTo(BatchStatus.FAILED);
            case SCHEDULE -> {
                importedPost(1, "one");
                jdbc.update("UPDATE posts SET title = 'x' WHERE id = 1"); // the export schedule runs only with changes
                remote.stubFor(put("/posts/1").willReturn(okJson("{}")));
                ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
                schedules.configureTasks(registrar);
                registrar.getFixedDelayTaskList().get(0).getRunnable().run();
                assertThat(latest(job).getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(latest(job).getId()).isGreaterThan(killed);
            }
            case COMMAND_LINE -> assertThat(commandLine("export")).isZero();
            case COMMAND_LINE_RESTART -> {
                assertThat(commandLine("export", "--restart")).isZero();
                assertThat(latest(job).getJobInstance().getInstanceId())
                        .isEqualTo(jobRuns.execution(killed).getJobInstance().getInstanceId());
            }
            case IMPORT_ON_STARTUP -> {
                captureSuppression.run(() -> jdbc.update("DELETE FROM posts"));
                new ImportOnStartup(jdbcClient, jobRuns, importJob).importIntoEmptyDatabase(); // launches in the background
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (latest(job).getId() == killed || latest(job).getStatus().isRunning()) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(50);
                }
                assertThat(latest(job).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            }
        }

        JobExecution recovered = jobRuns.execution(killed);
        assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(recovered.getEndTime()).isNotNull();
        assertThat(recovered.getExitStatus().getExitDescription()).contains("Abandoned").contains("Restart it");
        assertThat(jobRepository.findRunningJobExecutions(job)).isEmpty();
    }

    /** An execution as a killed process leaves it: STARTED, no end, created five minutes ago, its lock free. */
    private long leftStartedByAKilledProcess(String job) {
        JobExecution run = jobRuns.start(job, Map.of(), "test");
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL, "
                + "CREATE_TIME = NOW(6) - INTERVAL 5 MINUTE WHERE JOB_EXECUTION_ID = ?", run.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ? AND STATUS <> 'COMPLETED'", run.getId());
        assertThat(jobRuns.execution(run.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        return run.getId();
    }

    private JobExecution latest(String job) {
        List<JobInstance> instances = jobRepository.findJobInstances(job);
        return instances.stream()
                .flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
                .max(Comparator.comparing(JobExecution::getId)).orElseThrow();
    }

    private int commandLine(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        JobCommandRunner runner = new JobCommandRunner(SyncJobsApplication.JOBS_BY_COMMAND, jobRuns,
                new PrintStream(output, true, StandardCharsets.UTF_8));
        runner.run(new DefaultApplicationArguments(args));
        return runner.getExitCode();
    }
}
