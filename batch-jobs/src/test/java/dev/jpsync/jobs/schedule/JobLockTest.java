package dev.jpsync.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.jpsync.testsupport.MigratedSchema;

/** GET_LOCK on the real database: one holder at a time, across connections (as across service instances). */
class JobLockTest {

    static MigratedSchema schema;

    @BeforeAll
    static void schema() {
        schema = MigratedSchema.create("joblock", 4);
    }

    @AfterAll
    static void close() {
        schema.close();
    }

    @Test
    void oneHolderAtATimeAndReleasedOnClose() {
        // each holder keeps its own connection, as two service instances would
        JobLock instanceA = new JobLock(schema.dataSource());
        {
            JobLock instanceB = new JobLock(schema.dataSource());
            Optional<JobLock.Held> held = instanceA.tryAcquire("jpsync.test", Duration.ZERO);
            assertThat(held).isPresent();
            assertThat(instanceB.tryAcquire("jpsync.test", Duration.ZERO)).isEmpty();
            assertThat(instanceB.tryAcquire("jpsync.other", Duration.ZERO)).hasValueSatisfying(JobLock.Held::close);

            held.get().close();
            Optional<JobLock.Held> again = instanceB.tryAcquire("jpsync.test", Duration.ZERO);
            assertThat(again).isPresent();
            again.get().close();
        }
    }
}
