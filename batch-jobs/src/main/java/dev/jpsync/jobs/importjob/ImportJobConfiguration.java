package dev.jpsync.jobs.importjob;

import java.util.Set;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.jobs.launch.RunLockGuard;
import dev.jpsync.jobs.remote.RemoteApiProperties;
import dev.jpsync.jobs.remote.RemoteFailureClassifier;
import dev.jpsync.jobs.support.JobProgressLog;
import dev.jpsync.jobs.support.JobThreadPools;
import dev.jpsync.jobs.support.SyncMetrics;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code importJob}: all posts of the remote, then all its comments, each in a chunk-oriented step
 * (stream the JSON array -> validate -> upsert by remote id with capture off, never over local work).
 * Restartable after the last committed chunk; see docs/import.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
public class ImportJobConfiguration {

    public static final String JOB_NAME = "importJob";

    @Bean
    Job importJob(JobRepository jobRepository, Step importPosts, Step importComments, ImportProperties properties) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(importPosts)
                .next(importComments)
                .listener(new ImportOutcome(properties.skipLimit()))
                .build();
    }

    @Bean
    Step importPosts(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                     ImportProperties properties, RemoteArrayReader postsReader, PostRecordProcessor postRecordProcessor,
                     PostUpsertWriter postUpsertWriter, JdbcClient jdbc, SyncMetrics metrics,
                     RunLockGuard runLockGuard, @Qualifier("importWriteBehindExecutor") AsyncTaskExecutor writeBehind) {
        // a chunk is written while the next one is read; WriteBehind says what that keeps as it was
        WriteBehind<UpstreamPost> written = new WriteBehind<>(postUpsertWriter::write, writeBehind,
                properties.chunkSize(), RemoteArrayReader.positionKeys(EntityKind.POST.resource()));
        return new StepBuilder("importPosts", jobRepository)
                .<RemoteRecord, UpstreamPost>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(postsReader)
                .processor(postRecordProcessor)
                .writer(written)
                .faultTolerant()
                .skipPolicy(invalidRecords(properties))
                .listener(new ImportSkipLog<UpstreamPost>(jdbc, EntityKind.POST))
                .listener(new ImportMeters<UpstreamPost>(metrics, EntityKind.POST))
                .listener(new KeptLocal())
                .listener(new Relocations<UpstreamPost>(postUpsertWriter::relocate))
                .listener(new JobProgressLog(properties.progressInterval()))
                .listener(runLockGuard) // no chunk is written by a run that lost its run lock
                .listener(written) // after KeptLocal and Relocations: its afterStep, which finishes the write in flight, runs before theirs
                .build();
    }

    @Bean
    Step importComments(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        ImportProperties properties, RemoteArrayReader commentsReader,
                        CommentRecordProcessor commentRecordProcessor, CommentUpsertWriter commentUpsertWriter,
                        JdbcClient jdbc, SyncMetrics metrics, RunLockGuard runLockGuard,
                        @Qualifier("importWriteBehindExecutor") AsyncTaskExecutor writeBehind) {
        WriteBehind<UpstreamComment> written = new WriteBehind<>(commentUpsertWriter::write, writeBehind,
                properties.chunkSize(), RemoteArrayReader.positionKeys(EntityKind.COMMENT.resource()));
        return new StepBuilder("importComments", jobRepository)
                .<RemoteRecord, UpstreamComment>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(commentsReader)
                .processor(commentRecordProcessor)
                .writer(written)
                .faultTolerant()
                .skipPolicy(invalidRecords(properties))
                .listener(new ImportSkipLog<UpstreamComment>(jdbc, EntityKind.COMMENT))
                .listener(new ImportMeters<UpstreamComment>(metrics, EntityKind.COMMENT))
                .listener(new KeptLocal())
                .listener(new Relocations<UpstreamComment>(commentUpsertWriter::relocate))
                .listener(new JobProgressLog(properties.progressInterval()))
                .listener(runLockGuard) // no chunk is written by a run that lost its run lock
                .listener(written) // after KeptLocal and Relocations: its afterStep, which finishes the write in flight, runs before theirs
                .build();
    }

    /** Invalid records are skipped up to the limit; anything else (remote, database) fails the step. */
    private static SkipPolicy invalidRecords(ImportProperties properties) {
        return new LimitCheckingExceptionHierarchySkipPolicy(Set.of(InvalidRecordException.class), properties.skipLimit());
    }

    // readers: one per step, started afresh by each execution's open(); not step-scoped, because a scoped proxy
    // looks its target up on every read (the run lock keeps two executions of the job from sharing one)

    @Bean
    RemoteArrayReader postsReader(RestClient remoteRestClient, RemoteApiProperties remote, ObjectMapper mapper,
                                  ImportProperties properties) {
        return remoteArray(EntityKind.POST, remoteRestClient, remote, mapper, properties);
    }

    @Bean
    RemoteArrayReader commentsReader(RestClient remoteRestClient, RemoteApiProperties remote, ObjectMapper mapper,
                                     ImportProperties properties) {
        return remoteArray(EntityKind.COMMENT, remoteRestClient, remote, mapper, properties);
    }

    /** The reader of one remote collection, retried as {@code sync.remote.retry} says; the verify job reads alike. */
    public static RemoteArrayReader remoteArray(EntityKind kind, RestClient remoteRestClient, RemoteApiProperties remote,
                                                ObjectMapper mapper, ImportProperties properties) {
        RemoteApiProperties.Retry retry = remote.retry();
        RetryPolicy policy = RetryPolicy.builder()
                .maxRetries(retry.maxAttempts() - 1)
                .delay(retry.initialDelay())
                .multiplier(retry.multiplier())
                .maxDelay(retry.maxDelay())
                .predicate(RemoteFailureClassifier::isTransient)
                .build();
        String path = "/" + kind.resource();
        String url = remote.url(path);
        return new RemoteArrayReader(streaming(remoteRestClient, remote), path, url, mapper, policy,
                retry.maxAttempts(), retry.maxRetryAfter(), kind.resource());
    }

    /**
     * The remote client with a socket read timeout. The JDK request factory's read timeout is a deadline for
     * the whole response, which a large streamed array outlasts; here it is the longest silence between bytes.
     */
    private static RestClient streaming(RestClient remoteRestClient, RemoteApiProperties remote) {
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(remote.connectTimeout());
        requestFactory.setReadTimeout(remote.readTimeout());
        return remoteRestClient.mutate().requestFactory(requestFactory).build();
    }

    // processors: the comments' takes the known posts when its step starts

    @Bean
    PostRecordProcessor postRecordProcessor() {
        return new PostRecordProcessor();
    }

    @Bean
    CommentRecordProcessor commentRecordProcessor(JdbcTemplate jdbcTemplate) {
        return new CommentRecordProcessor(jdbcTemplate);
    }

    // writers: matched by remote id, never over local work (GuardedUpsert)

    @Bean
    ChunkParts importChunkParts(ImportProperties properties,
                                @Qualifier("importWriterExecutor") AsyncTaskExecutor importWriterExecutor) {
        return new ChunkParts(properties.writers(), importWriterExecutor);
    }

    // the thread that writes a chunk while the step reads the next one (WriteBehind)
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor importWriteBehindExecutor() {
        return JobThreadPools.fixed("import-write-behind-", 1);
    }

    // the threads that write a chunk's parts, sync.import.writers of them
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor importWriterExecutor(ImportProperties properties) {
        return JobThreadPools.fixed("import-writer-", properties.writers());
    }

    // new rows go in by LOAD DATA LOCAL INFILE where the database allows it (BulkInsert), the rest by upsert
    @Bean
    BulkInsert importBulkInsert(JdbcTemplate jdbcTemplate) {
        return new BulkInsert(jdbcTemplate);
    }

    @Bean
    PostUpsertWriter postUpsertWriter(JdbcTemplate jdbcTemplate, BulkInsert importBulkInsert,
                                      CaptureSuppression captureSuppression, PlatformTransactionManager transactionManager,
                                      ChunkParts importChunkParts) {
        return new PostUpsertWriter(jdbcTemplate, importBulkInsert, captureSuppression, transactionManager, importChunkParts);
    }

    @Bean
    CommentUpsertWriter commentUpsertWriter(JdbcTemplate jdbcTemplate, BulkInsert importBulkInsert,
                                            CaptureSuppression captureSuppression,
                                            PlatformTransactionManager transactionManager, ChunkParts importChunkParts) {
        return new CommentUpsertWriter(jdbcTemplate, importBulkInsert, captureSuppression, transactionManager,
                importChunkParts);
    }
}
