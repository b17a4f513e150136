package dev.jpsync.jobs.importjob;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
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

    /** Writes the parts; returns what each part's writer returned, in the order of the parts. */
    <T, R> List<R> write(List<T> items, ToLongFunction<T> id, Function<List<T>, R> writePart) {
        if (parts <= 1 || items.size() < 2 * parts || hasDuplicateIds(items, id)) {
            return List.of(writeWithRetry(items, writePart));
        }
        List<Future<R>> running = new ArrayList<>(parts);
        int size = (items.size() + parts - 1) / parts;
        for (int from = 0; from < items.size(); from += size) {
            List<T> part = List.copyOf(items.subList(from, Math.min(items.size(), from + size)));
            running.add(threads.submit(() -> writeWithRetry(part, writePart)));
        }
        List<R> results = new ArrayList<>(running.size());
        RuntimeException failure = null;
        for (Future<R> part : running) { // wait for every part, also after one failed: none runs on afterwards
            try {
                results.add(part.get());
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
        return results;
    }

    private static <T, R> R writeWithRetry(List<T> part, Function<List<T>, R> writePart) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writePart.apply(part);
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
