package dev.jpsync.jobs.importjob;

import java.util.Set;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingExceptionHierarchySkipPolicy;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.Comment;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.Post;
import dev.jpsync.jobs.JobProgressLog;
import dev.jpsync.jobs.SyncMetrics;
import dev.jpsync.jobs.remote.RemoteApiProperties;
import dev.jpsync.jobs.remote.RemoteFailureClassifier;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code importJob}: all posts of the remote, then all its comments, each in a chunk-oriented step
 * (stream the JSON array -> validate and map -> upsert with capture off). Restartable after the last
 * committed chunk; see the README's "Import job".
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
                     PostUpsertWriter postUpsertWriter, JdbcClient jdbc, SyncMetrics metrics) {
        return new StepBuilder("importPosts", jobRepository)
                .<RemoteRecord, Post>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(postsReader)
                .processor(postRecordProcessor)
                .writer(postUpsertWriter)
                .faultTolerant()
                .skipPolicy(invalidRecords(properties))
                .listener(new ImportSkipLog<Post>(jdbc, EntityKind.POST))
                .listener(new ImportMeters<Post>(metrics, EntityKind.POST))
                .listener(new JobProgressLog(properties.progressInterval()))
                .build();
    }

    @Bean
    Step importComments(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        ImportProperties properties, RemoteArrayReader commentsReader,
                        CommentRecordProcessor commentRecordProcessor, CommentUpsertWriter commentUpsertWriter,
                        JdbcClient jdbc, SyncMetrics metrics) {
        return new StepBuilder("importComments", jobRepository)
                .<RemoteRecord, Comment>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(commentsReader)
                .processor(commentRecordProcessor)
                .writer(commentUpsertWriter)
                .faultTolerant()
                .skipPolicy(invalidRecords(properties))
                .listener(new ImportSkipLog<Comment>(jdbc, EntityKind.COMMENT))
                .listener(new ImportMeters<Comment>(metrics, EntityKind.COMMENT))
                .listener(new JobProgressLog(properties.progressInterval()))
                .build();
    }

    /** Invalid records are skipped up to the limit; anything else (remote, database) fails the step. */
    private static SkipPolicy invalidRecords(ImportProperties properties) {
        return new LimitCheckingExceptionHierarchySkipPolicy(Set.of(InvalidRecordException.class), properties.skipLimit());
    }

    // readers: one per step execution (step scope), as they hold the open response and the position

    @Bean
    @StepScope
    RemoteArrayReader postsReader(RestClient remoteRestClient, RemoteApiProperties remote, ObjectMapper mapper,
                                  ImportProperties properties) {
        return remoteArray(EntityKind.POST, remoteRestClient, remote, mapper, properties);
    }

    @Bean
    @StepScope
    RemoteArrayReader commentsReader(RestClient remoteRestClient, RemoteApiProperties remote, ObjectMapper mapper,
                                     ImportProperties properties) {
        return remoteArray(EntityKind.COMMENT, remoteRestClient, remote, mapper, properties);
    }

    private static RemoteArrayReader remoteArray(EntityKind kind, RestClient remoteRestClient, RemoteApiProperties remote,
                                                 ObjectMapper mapper, ImportProperties properties) {
        ImportProperties.Retry retry = properties.retry();
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
                retry.maxAttempts(), kind.resource());
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

    // processors: step scope, as they take their snapshots of the database when their step starts

    @Bean
    @StepScope
    PostRecordProcessor postRecordProcessor(JdbcClient jdbc) {
        return new PostRecordProcessor(jdbc);
    }

    @Bean
    @StepScope
    CommentRecordProcessor commentRecordProcessor(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        return new CommentRecordProcessor(jdbc, jdbcTemplate);
    }

    // writers

    @Bean(destroyMethod = "close")
    ChunkParts importChunkParts(ImportProperties properties) {
        return new ChunkParts(properties.writers());
    }

    @Bean
    PostUpsertWriter postUpsertWriter(JdbcTemplate jdbcTemplate, CaptureSuppression captureSuppression,
                                      ChunkParts importChunkParts) {
        return new PostUpsertWriter(jdbcTemplate, captureSuppression, importChunkParts);
    }

    @Bean
    CommentUpsertWriter commentUpsertWriter(JdbcTemplate jdbcTemplate, CaptureSuppression captureSuppression,
                                            ChunkParts importChunkParts) {
        return new CommentUpsertWriter(jdbcTemplate, captureSuppression, importChunkParts);
    }
}
