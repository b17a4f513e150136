package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import dev.jpsync.jobs.launch.JobRuns;
import dev.jpsync.jobs.launch.JobSchedules;
import dev.jpsync.jobs.launch.RunLock;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * The one export schedule ({@link JobSchedules}, defaults from {@code jpsync-defaults.yml}): every 60 s after
 * the previous run, only when the change log has entries, never while another export holds the lock; and the
 * command-line runner does not schedule at all.
 */
@SpringBootTest
@SpringBatchTest
@UseTestDatabase
class ExportScheduleTest extends ExportJobTestSupport {

    @Autowired
    JobSchedules schedules;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    ApplicationContext context;

    /** The export task exactly as the service's scheduler would get it. */
    private IntervalTask exportTask() {
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        schedules.configureTasks(registrar);
        assertThat(registrar.getCronTaskList()).isEmpty();
        assertThat(registrar.getFixedDelayTaskList()).hasSize(1); // the periodic import is off by default
        return registrar.getFixedDelayTaskList().get(0);
    }

    @Test
    void theDefaultScheduleRunsEvery60sAfterTheFirst60s() {
        IntervalTask task = exportTask();
        assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void runsOnlyWhenTheChangeLogHasEntries() {
        Runnable turn = exportTask().getRunnable();
        int before = exportExecutions().size();
        turn.run();
        assertThat(exportExecutions()).hasSize(before);

        importedPost(1, "one");
        jdbc.update("UPDATE posts SET title = 'x' WHERE id = 1");
        remote.stubFor(put("/posts/1").willReturn(okJson("{}")));
        turn.run();
        assertThat(exportExecutions()).hasSize(before + 1).last().satisfies(e -> {
            assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(e.getJobParameters().getString(JobRuns.LAUNCHED_BY)).isEqualTo(JobSchedules.LAUNCHED_BY);
        });
        assertThat(remote.findAll(putRequestedFor(urlEqualTo("/posts/1")))).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();

        turn.run();
        assertThat(exportExecutions()).hasSize(before + 1);
    }

    @Test
    void sendsNothingWhileAnotherExportHoldsTheLock() {
        importedPost(1, "one");
        jdbc.update("UPDATE posts SET title = 'x' WHERE id = 1");
        remote.stubFor(put("/posts/1").willReturn(okJson("{}")));
        int before = exportExecutions().size();
        RunLock lock = new RunLock(jdbc.getDataSource());
        try (RunLock.Held other = lock.tryTake(ExportJobConfiguration.JOB_NAME).orElseThrow()) {
            exportTask().getRunnable().run();
        }
        // the turn is skipped before an execution is created: nothing sent, the entry waits for the next turn
        assertThat(remote.findAll(putRequestedFor(urlEqualTo("/posts/1")))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(1);
        assertThat(exportExecutions()).hasSize(before);
    }

    @Test
    void theCommandLineRunnerNeverSchedules() {
        // @EnableScheduling lives in the service (api); without it JobSchedules' tasks are never registered
        assertThat(context.getBeanNamesForType(ScheduledAnnotationBeanPostProcessor.class)).isEmpty();
    }

    private List<JobExecution> exportExecutions() {
        return jobRepository.findJobInstances(ExportJobConfiguration.JOB_NAME).stream()
                .map(JobInstance::getInstanceId)
                .flatMap(id -> jobRepository.getJobExecutions(jobRepository.getJobInstance(id)).stream())
                .sorted(java.util.Comparator.comparing(JobExecution::getId))
                .toList();
    }
}
