package dev.jpsync.jobs.exportjob;

import java.util.concurrent.Executor;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
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
import dev.jpsync.domain.NetChange;
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
                .<NetChange, NetChange>chunk(properties.chunkSize())
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
                properties.chunkSize(), new PayloadRemoteId(json), exportReadAheadExecutor);
    }

    // the next page is read while the current one is sent
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor exportReadAheadExecutor() {
        return JobThreadPools.fixed("export-read-ahead-", 1);
    }

    @Bean
    @StepScope
    NetChangeWriter netChangeWriter(NetChangeSender netChangeSender, RemoteIdMap remoteIds,
                                    @Qualifier("exportSendExecutor") AsyncTaskExecutor exportSendExecutor,
                                    ChangeLogArchive archive, PlatformTransactionManager transactionManager,
                                    ExportProperties properties, SyncFailureRepository failures,
                                    @Value("#{stepExecution.jobExecutionId}") Long executionId) {
        return new NetChangeWriter(netChangeSender, remoteIds, exportSendExecutor, archive, transactionManager, executionId,
                properties.skipLimit(), failures.countForExecution(executionId));
    }

    @Bean
    NetChangeSender netChangeSender(RestClient remoteRestClient, RemoteApiProperties remoteApi,
                                    ExportProperties properties, RemoteIdMap remoteIds, ChangeLogArchive archive,
                                    SyncFailureRepository failures, JsonMapper json,
                                    PlatformTransactionManager transactionManager, SyncMetrics metrics) {
        RemoteExchange remote = new RemoteExchange(remoteRestClient, remoteApi.baseUrl().toString(),
                properties.retryPolicy());
        return new NetChangeSender(remote, remoteIds, archive, failures, json, transactionManager, metrics);
    }

    // the threads that make the calls, sync.export.concurrency of them
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor exportSendExecutor(ExportProperties properties) {
        return JobThreadPools.fixed("export-send-", properties.concurrency());
    }

    // step 3: one transaction moves exactly the processed entries into change_log_archive
    @Bean
    Step exportArchive(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       ChangeLogArchive archive) {
        return new StepBuilder("exportArchive", jobRepository)
                .tasklet(new ArchiveProcessedChanges(archive), transactionManager)
                .build();
    }
}
