package dev.jpsync.api.jobs;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Small jobs for the job-control tests: one that waits until the test lets it finish, one that fails on its
 * first run and succeeds on a restart, one chunk step with counts.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestJobs {

    private static final Logger log = LoggerFactory.getLogger(TestJobs.class);

    /** Count down to let a running {@code waitingJob} complete. */
    public static volatile CountDownLatch release = new CountDownLatch(1);
    /** Runs of {@code flakyJob} so far; the first one fails. */
    public static final AtomicInteger flakyRuns = new AtomicInteger();

    public static void reset() {
        release.countDown();
        release = new CountDownLatch(1);
        flakyRuns.set(0);
    }

    @Bean
    Job waitingJob(JobRepository jobRepository, PlatformTransactionManager tx) {
        // CONTINUABLE in short turns, so that a stop request is seen between two turns
        return new JobBuilder("waitingJob", jobRepository)
                .start(new StepBuilder("wait", jobRepository).tasklet((contribution, context) -> {
                    log.info("waiting for the test to release the job");
                    return release.await(50, TimeUnit.MILLISECONDS) ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
                }, tx).build())
                .build();
    }

    @Bean
    Job flakyJob(JobRepository jobRepository, PlatformTransactionManager tx) {
        return new JobBuilder("flakyJob", jobRepository)
                .start(new StepBuilder("flaky", jobRepository).tasklet((contribution, context) -> {
                    if (flakyRuns.incrementAndGet() == 1) {
                        throw new IllegalStateException("remote went away (first run only)");
                    }
                    return RepeatStatus.FINISHED;
                }, tx).build())
                .build();
    }

    /** A fresh reader for every step execution. */
    @Bean
    @StepScope
    ListItemReader<Integer> fiveNumbers() {
        return new ListItemReader<>(List.of(1, 2, 3, 4, 5));
    }

    @Bean
    Job countingJob(JobRepository jobRepository, PlatformTransactionManager tx, ListItemReader<Integer> fiveNumbers) {
        return new JobBuilder("countingJob", jobRepository)
                .start(new StepBuilder("count", jobRepository).<Integer, Integer>chunk(2)
                        .reader(fiveNumbers)
                        .writer(chunk -> log.info("wrote {}", chunk.getItems()))
                        .transactionManager(tx)
                        .build())
                .build();
    }
}
