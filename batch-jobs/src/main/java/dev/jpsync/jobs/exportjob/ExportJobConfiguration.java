package dev.jpsync.jobs.exportjob;

import java.util.List;
import java.util.concurrent.Executor;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

import dev.jpsync.domain.ChangeLogArchive;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.ChangeWindow;
import dev.jpsync.domain.ExportRecordState;
import dev.jpsync.domain.RemoteIdMap;
import dev.jpsync.domain.SyncFailureRepository;
import dev.jpsync.jobs.launch.RunLockGuard;
import dev.jpsync.jobs.remote.RemoteApiProperties;
import dev.jpsync.jobs.remote.RemoteExchange;
import dev.jpsync.jobs.support.JobThreadPools;
import dev.jpsync.jobs.support.SyncMetrics;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export job, top to bottom: fix the window, send the net changes chunk by chunk, archive what was
 * processed. A run holds its job's run lock from launch to end (the launch package); the send step checks
 * before each chunk that it still does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExportProperties.class)
public class ExportJobConfiguration {

    /** The job's bean name, also its command-line name's target ({@code ... jobs-exec.jar export}). */
    public static final String JOB_NAME = "exportJob";

    @Bean
    Job exportJob(JobRepository jobRepository, Step exportFixWindow, Step exportSend, Step exportArchive,
                  ChangeLogRepository changeLog) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new ExportRunListener(changeLog))
                .start(exportFixWindow)
                .next(exportSend)
                .next(exportArchive)
                .build();
    }

    // step 1: the highest change-log id now bounds the run (kept by a restart)
    @Bean
    Step exportFixWindow(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         ChangeLogRepository changeLog) {
        return new StepBuilder("exportFixWindow", jobRepository)
                .tasklet(new FixWindow(changeLog), transactionManager)
                .build();
    }

    // step 2: one net change per record, posts before comments, calls concurrent within a chunk; no chunk is
    // sent by a run that lost its run lock
    @Bean
    Step exportSend(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    ExportProperties properties, PendingNetChangeReader pendingNetChangeReader,
                    NetChangeWriter netChangeWriter, RunLockGuard runLockGuard) {
        return new StepBuilder("exportSend", jobRepository)
                .<ExportItem, ExportItem>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(pendingNetChangeReader)
                .writer(netChangeWriter)
                .listener(runLockGuard)
                .build();
    }

    @Bean
    @StepScope
    PendingNetChangeReader pendingNetChangeReader(ChangeLogRepository changeLog, ExportProperties properties,
                                                  JsonMapper json,
                                                  @Qualifier("exportReadAheadExecutor") Executor exportReadAheadExecutor,
                                                  @Value("#{jobExecutionContext['" + FixWindow.WINDOW_KEY + "']}") Long upToId) {
        return new PendingNetChangeReader(changeLog, new ChangeWindow(upToId == null ? 0 : upToId),
                properties.chunkSize(), json, exportReadAheadExecutor);
    }

    // the next page is read while the current one is sent
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor exportReadAheadExecutor() {
        return JobThreadPools.fixed("export-read-ahead-", 1);
    }

    // the writer: decide (ExportDecision), call (RemoteCallExecutor), record (ExportOutcomeRecorder)
    @Bean
    @StepScope
    NetChangeWriter netChangeWriter(RemoteCallExecutor remoteCallExecutor, ExportOutcomeRecorder exportOutcomeRecorder,
                                    RemoteIdMap remoteIds, KnownRemoteIdsReader knownRemoteIdsReader,
                                    @Qualifier("exportSendExecutor") AsyncTaskExecutor exportSendExecutor,
                                    PlatformTransactionManager transactionManager,
                                    ExportProperties properties, SyncFailureRepository failures,
                                    JobRepository jobRepository, @Value("#{stepExecution}") StepExecution stepExecution) {
        // the skip limit counts the refusals of every execution of this job instance, restarts included
        List<Long> executions = jobRepository.getJobExecutions(stepExecution.getJobExecution().getJobInstance())
                .stream().map(JobExecution::getId).toList();
        return new NetChangeWriter(remoteCallExecutor, exportOutcomeRecorder, remoteIds, knownRemoteIdsReader,
                exportSendExecutor, properties.concurrency(), transactionManager, stepExecution,
                properties.skipLimit(), failures.countForExecutions(executions));
    }

    @Bean
    RemoteCallExecutor remoteCallExecutor(RestClient remoteRestClient, RemoteApiProperties remoteApi,
                                          RemoteIdMap remoteIds, JsonMapper json, SyncMetrics metrics) {
        return new RemoteCallExecutor(new RemoteExchange(remoteRestClient, remoteApi), remoteIds, json, metrics);
    }

    @Bean
    ExportOutcomeRecorder exportOutcomeRecorder(RemoteIdMap remoteIds, ChangeLogArchive archive,
                                                SyncFailureRepository failures, ExportRecordState recordState,
                                                PlatformTransactionManager transactionManager, SyncMetrics metrics,
                                                ExportProperties properties) {
        return new ExportOutcomeRecorder(remoteIds, archive, failures, recordState, transactionManager, metrics,
                properties.parkAfterRuns());
    }

    // the threads that make the calls and record what came of them: twice sync.export.concurrency, so that a
    // thread is free for the next call while another stores a remote id; NetChangeWriter lets no more than
    // sync.export.concurrency of them be in a call at once
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor exportSendExecutor(ExportProperties properties) {
        return JobThreadPools.fixed("export-send-", 2 * properties.concurrency());
    }

    // step 3: one transaction moves exactly the processed entries into change_log_archive
    @Bean
    Step exportArchive(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       ChangeLogArchive archive, ChangeLogRepository changeLog) {
        return new StepBuilder("exportArchive", jobRepository)
                .tasklet(new ArchiveProcessedChanges(archive, changeLog), transactionManager)
                .build();
    }
}
