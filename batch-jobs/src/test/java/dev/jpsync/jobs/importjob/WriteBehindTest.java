package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.jpsync.jobs.support.JobThreadPools;

/**
 * The write of one chunk overlapping the reading of the next, without a restart ever skipping what was not
 * written. The step is played by hand: write, the reader's position, update (the commit), afterStep.
 */
class WriteBehindTest {

    private static final List<String> KEYS = RemoteArrayReader.positionKeys("posts");
    private static final String POSITION = KEYS.get(0);

    private final ThreadPoolTaskExecutor thread = JobThreadPools.fixed("write-behind-test-", 1);
    private final StepExecution step = MetaDataInstanceFactory.createStepExecution();
    private final ExecutionContext context = step.getExecutionContext();

    @BeforeEach
    void start() {
        thread.initialize();
    }

    @AfterEach
    void stop() {
        thread.shutdown();
    }

    private WriteBehind<Long> writeBehind(Function<List<Long>, GuardedUpsert.Outcome<Long>> write) {
        WriteBehind<Long> writer = new WriteBehind<>(write, thread, 2, KEYS);
        writer.beforeStep(step);
        writer.open(context);
        return writer;
    }

    /** What the reader does at each commit, just before the writer's update. */
    private void commit(WriteBehind<Long> writer, long readerPosition) {
        context.putLong(POSITION, readerPosition);
        writer.update(context);
    }

    private static GuardedUpsert.Outcome<Long> keptOne(List<Long> items) {
        return new GuardedUpsert.Outcome<>(1, List.of(items.get(0)));
    }

    @Test
    void writeReturnsBeforeTheChunkIsWrittenAndTheCommitKeepsThePositionBeforeIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WriteBehind<Long> writer = writeBehind(items -> {
            await(release);
            return keptOne(items);
        });

        writer.write(Chunk.of(1L, 2L)); // returns although the write waits
        commit(writer, 2);
        assertThat(context.getLong(POSITION, 0)).as("chunk 1 is not written yet").isZero();

        release.countDown();
        writer.write(Chunk.of(3L, 4L)); // waits for chunk 1 and records what it kept
        commit(writer, 4);
        assertThat(context.getLong(POSITION)).as("chunk 1 is written, chunk 2 not yet").isEqualTo(2);
        assertThat(KeptLocal.count(step)).isEqualTo(1);

        commit(writer, 4); // the empty chunk at the end waits for chunk 2
        assertThat(context.getLong(POSITION)).isEqualTo(4);
        assertThat(KeptLocal.count(step)).isEqualTo(2);
        assertThat(context.get(Relocations.KEY)).isEqualTo(List.of(1L, 3L));
    }

    @Test
    void aShortChunkIsWrittenBeforeItCommits() {
        WriteBehind<Long> writer = writeBehind(WriteBehindTest::keptOne);

        writer.write(Chunk.of(1L)); // fewer than the chunk size of 2: perhaps the last
        commit(writer, 1);

        assertThat(context.getLong(POSITION)).isEqualTo(1);
        assertThat(KeptLocal.count(step)).isEqualTo(1);
    }

    @Test
    void aFailedWriteFailsTheNextWriteAndEveryCommitAfterItAndThePositionStaysBeforeIt() {
        IllegalStateException refused = new IllegalStateException("refused");
        WriteBehind<Long> writer = writeBehind(items -> {
            if (items.contains(3L)) {
                throw refused;
            }
            return keptOne(items);
        });
        writer.write(Chunk.of(1L, 2L));
        commit(writer, 2);
        writer.write(Chunk.of(3L, 4L));
        commit(writer, 4); // chunk 2 in flight: position 2 saved

        assertThatThrownBy(() -> writer.write(Chunk.of(5L, 6L))).isSameAs(refused);
        assertThatThrownBy(() -> writer.write(Chunk.of(5L, 6L))).as("and again: never past it").isSameAs(refused);
        assertThatThrownBy(() -> commit(writer, 6)).isSameAs(refused);
        writer.afterStep(step);

        assertThat(context.getLong(POSITION)).isEqualTo(2);
        assertThat(KeptLocal.count(step)).isEqualTo(1);
    }

    @Test
    void whenTheStepFailsWithACommittedChunkInFlightItsWriteIsWaitedForAndThePositionMovesPastIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WriteBehind<Long> writer = writeBehind(items -> {
            if (items.contains(3L)) {
                await(release);
            }
            return keptOne(items);
        });
        writer.write(Chunk.of(1L, 2L));
        commit(writer, 2);
        writer.write(Chunk.of(3L, 4L));
        commit(writer, 4);
        assertThat(context.getLong(POSITION)).isEqualTo(2);

        // the next chunk's read fails: Batch rolls it back and ends the step
        release.countDown();
        writer.afterStep(step);

        assertThat(context.getLong(POSITION)).isEqualTo(4);
        assertThat(KeptLocal.count(step)).isEqualTo(2);
    }

    @Test
    void whenTheStepFailsWithAChunkInFlightThatRolledBackThatChunkCountsForNothing() {
        WriteBehind<Long> writer = writeBehind(WriteBehindTest::keptOne);
        writer.write(Chunk.of(1L, 2L));
        commit(writer, 2);
        writer.write(Chunk.of(3L, 4L)); // records chunk 1; its own commit never comes

        writer.afterStep(step);

        assertThat(context.getLong(POSITION)).as("a restart reads chunk 2 again").isEqualTo(2);
        assertThat(KeptLocal.count(step)).as("chunk 1 only").isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
