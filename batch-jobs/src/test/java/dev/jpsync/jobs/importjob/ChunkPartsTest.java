package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.jpsync.jobs.support.JobThreadPools;

/** How a chunk is split into parts written at once (the upserts themselves are covered by ImportJobTest). */
class ChunkPartsTest {

    private final ThreadPoolTaskExecutor writers = JobThreadPools.fixed("import-writer-", 2);

    @BeforeEach
    void start() {
        writers.initialize();
    }

    @AfterEach
    void stop() {
        writers.shutdown();
    }

    private static List<Long> ids(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void writesContiguousPartsAtOnceOnDifferentThreadsAndReturnsWhenAllAreDone() {
        List<List<Long>> written = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch bothRunning = new CountDownLatch(2);
        List<Long> firstOfEachPart;
        {
            ChunkParts parts = new ChunkParts(2, writers);
            firstOfEachPart = parts.write(ids(1, 500), Long::longValue, part -> {
                threads.add(Thread.currentThread().getName());
                bothRunning.countDown();
                try {
                    // fails the test (timeout below) unless the other part runs at the same time
                    assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                written.add(part);
                return part.get(0);
            });
        }
        assertThat(firstOfEachPart).as("each part's result, in the order of the parts").containsExactly(1L, 251L);
        assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("import-writer-"));
        assertThat(written).hasSize(2);
        assertThat(written).containsExactlyInAnyOrder(ids(1, 250), ids(251, 500));
    }

    @Test
    void aChunkWithAnIdTwiceIsWrittenAsOnePartInOrder() {
        List<List<Long>> written = Collections.synchronizedList(new ArrayList<>());
        List<Long> items = new ArrayList<>(ids(1, 100));
        items.add(7L);
        {
            ChunkParts parts = new ChunkParts(2, writers);
            parts.write(items, Long::longValue, written::add);
        }
        assertThat(written).containsExactly(items);
    }

    @Test
    void aPartThatLostALockIsTriedAgainAndOtherFailuresFailTheChunkAfterAllPartsEnded() {
        AtomicInteger attempts = new AtomicInteger();
        List<List<Long>> written = Collections.synchronizedList(new ArrayList<>());
        {
            ChunkParts parts = new ChunkParts(2, writers);
            parts.write(ids(1, 10), Long::longValue, part -> {
                if (part.get(0) == 1L && attempts.incrementAndGet() <= 2) {
                    throw new CannotAcquireLockException("Deadlock found when trying to get lock");
                }
                return written.add(part);
            });
            assertThat(attempts).hasValue(3);
            assertThat(written).containsExactlyInAnyOrder(ids(1, 5), ids(6, 10));

            AtomicInteger finished = new AtomicInteger();
            assertThatThrownBy(() -> parts.write(ids(1, 10), Long::longValue, part -> {
                if (part.get(0) == 1L) {
                    throw new DataIntegrityViolationException("foreign key");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return finished.incrementAndGet();
            })).isInstanceOf(DataIntegrityViolationException.class).hasMessage("foreign key");
            // the failure surfaced only after the other part had ended: nothing keeps writing behind the step
            assertThat(finished).hasValue(1);
        }
    }
}
