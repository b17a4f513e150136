package dev.jpsync.jobs.verifyjob;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.jobs.importjob.ImportJobConfiguration;
import dev.jpsync.jobs.importjob.ImportProperties;
import dev.jpsync.jobs.importjob.RemoteArrayReader;
import dev.jpsync.jobs.importjob.RemoteRecord;
import dev.jpsync.jobs.launch.RunLockGuard;
import dev.jpsync.jobs.remote.RemoteApiProperties;
import dev.jpsync.jobs.support.JobProgressLog;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code verifyJob}: does the remote hold what the database holds? Reads the remote's posts, then its comments
 * (streamed, chunk by chunk, like the import), compares each chunk with the local records mapped to its remote
 * ids, then finds the local records the remote did not list. Writes only the drift report ({@code drift_report},
 * one row per difference); never changes the database's records or the remote. Restartable after the last
 * committed chunk.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerifyProperties.class)
public class VerifyJobConfiguration {

    /** The job's bean name, also the target of the command line's {@code verify}. */
    public static final String JOB_NAME = "verifyJob";
    static final String POSTS_STEP = "verifyPosts";
    static final String COMMENTS_STEP = "verifyComments";

    @Bean
    Job verifyJob(JobRepository jobRepository, Step verifyPosts, Step verifyComments, Step verifyMissingOnRemote,
                  DriftReportRepository report) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(verifyPosts)
                .next(verifyComments)
                .next(verifyMissingOnRemote)
                .listener(new VerifyOutcome(report))
                .build();
    }

    // steps 1 and 2: remote records, a chunk at a time, against the local records with their remote ids

    @Bean
    Step verifyPosts(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                     VerifyProperties properties, RemoteArrayReader verifyPostsReader, DriftWriter postDriftWriter,
                     ImportProperties importProperties, RunLockGuard runLockGuard) {
        return new StepBuilder(POSTS_STEP, jobRepository)
                .<RemoteRecord, RemoteRecord>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(verifyPostsReader)
                .writer(postDriftWriter)
                .listener(new JobProgressLog(importProperties.progressInterval()))
                .listener(runLockGuard) // no chunk is written by a run that lost its run lock
                .build();
    }

    @Bean
    Step verifyComments(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        VerifyProperties properties, RemoteArrayReader verifyCommentsReader,
                        DriftWriter commentDriftWriter, ImportProperties importProperties,
                        RunLockGuard runLockGuard) {
        return new StepBuilder(COMMENTS_STEP, jobRepository)
                .<RemoteRecord, RemoteRecord>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(verifyCommentsReader)
                .writer(commentDriftWriter)
                .listener(new JobProgressLog(importProperties.progressInterval()))
                .listener(runLockGuard) // no chunk is written by a run that lost its run lock
                .build();
    }

    // readers: the import's, one per step as there (ImportJobConfiguration), started afresh by each execution's open()

    @Bean
    RemoteArrayReader verifyPostsReader(RestClient remoteRestClient, RemoteApiProperties remote, ObjectMapper mapper,
                                        ImportProperties importProperties) {
        return ImportJobConfiguration.remoteArray(EntityKind.POST, remoteRestClient, remote, mapper, importProperties);
    }

    @Bean
    RemoteArrayReader verifyCommentsReader(RestClient remoteRestClient, RemoteApiProperties remote, ObjectMapper mapper,
                                           ImportProperties importProperties) {
        return ImportJobConfiguration.remoteArray(EntityKind.COMMENT, remoteRestClient, remote, mapper, importProperties);
    }

    // writers: compare and add report rows

    @Bean
    @StepScope
    DriftWriter postDriftWriter(LocalRecords localRecords, DriftReportRepository report,
                                @Value("#{stepExecution.jobExecutionId}") Long executionId) {
        return new DriftWriter(EntityKind.POST, localRecords, report, executionId);
    }

    @Bean
    @StepScope
    DriftWriter commentDriftWriter(LocalRecords localRecords, DriftReportRepository report,
                                   @Value("#{stepExecution.jobExecutionId}") Long executionId) {
        return new DriftWriter(EntityKind.COMMENT, localRecords, report, executionId);
    }

    // step 3: local records the remote did not list, in SQL against the remote ids noted while reading

    @Bean
    Step verifyMissingOnRemote(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               DriftReportRepository report) {
        return new StepBuilder("verifyMissingOnRemote", jobRepository)
                .tasklet(new FindMissingOnRemote(report), transactionManager)
                .build();
    }
}
