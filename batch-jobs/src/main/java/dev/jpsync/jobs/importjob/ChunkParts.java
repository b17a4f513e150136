package dev.jpsync.jobs.importjob;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Writes a chunk in {@code sync.import.writers} contiguous parts at once, each on a connection and in a
 * transaction of its own, and returns when all of them have committed. While one part's statement is being
 * built (the driver's escaping is the import's largest CPU cost) another one is executing in the database.
 * <p>
 * The chunk's commit (and with it the reader's position) still comes after all parts have committed, so a
 * restart resumes after the last chunk whose rows are all in. If a part fails, the others may have committed:
 * the step fails and a restart upserts the whole chunk again, which the upsert makes harmless. A chunk that
 * holds one id twice is written in one part, in order, so that the later element wins as it would alone.
 * A part that lost a deadlock or a lock wait is tried again (at most 3 times).
 */
final class ChunkParts {

    private static final int ATTEMPTS = 3;

    private final int parts;
    private final AsyncTaskExecutor threads;

    /** @param threads runs the parts, at least {@code parts} threads (unused when {@code parts} is 1) */
    ChunkParts(int parts, AsyncTaskExecutor threads) {
        this.parts = parts;
        this.threads = threads;
    }

    <T> void write(List<T> items, ToLongFunction<T> id, Consumer<List<T>> writePart) {
        if (parts <= 1 || items.size() < 2 * parts || hasDuplicateIds(items, id)) {
            writeWithRetry(items, writePart);
            return;
        }
        List<Future<?>> running = new ArrayList<>(parts);
        int size = (items.size() + parts - 1) / parts;
        for (int from = 0; from < items.size(); from += size) {
            List<T> part = List.copyOf(items.subList(from, Math.min(items.size(), from + size)));
            running.add(threads.submit(() -> writeWithRetry(part, writePart)));
        }
        RuntimeException failure = null;
        for (Future<?> part : running) { // wait for every part, also after one failed: none runs on afterwards
            try {
                part.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing a chunk", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> void writeWithRetry(List<T> part, Consumer<List<T>> writePart) {
        for (int attempt = 1; ; attempt++) {
            try {
                writePart.accept(part);
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static <T> boolean hasDuplicateIds(List<T> items, ToLongFunction<T> id) {
        Set<Long> seen = new HashSet<>(items.size() * 2);
        for (T item : items) {
            if (!seen.add(id.applyAsLong(item))) {
                return true;
            }
        }
        return false;
    }
}
