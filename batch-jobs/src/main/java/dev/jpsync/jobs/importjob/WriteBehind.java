package dev.jpsync.jobs.importjob;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Writes a chunk on a thread of its own while the step reads and validates the next one, so that the database's
 * work and the step's own overlap; one chunk is in flight at a time. Register it as the step's writer and as a
 * listener. What stays as it was without it:
 * <ul>
 * <li><b>Restart.</b> A chunk may commit while its write still runs; that commit saves the reader's position as
 *     it was after the last chunk whose write had finished ({@code readerKeys}). When the step ends, failed or
 *     stopped, the write in flight is waited for, and the position saved is the one after the last chunk that
 *     is both committed and written. So a restart resumes where it did without write-behind.</li>
 * <li><b>Outcome.</b> What a write kept out and left to relocate goes into the step's ExecutionContext on the
 *     step's thread ({@link KeptLocal}, {@link Relocations}), saved with the position after that chunk.</li>
 * <li><b>Failure.</b> A failed write fails the next {@code write} or commit, and every one after it: the step
 *     fails with the write's own error.</li>
 * <li><b>End.</b> A chunk shorter than the chunk size (the last one, or one with skipped records), and the empty
 *     chunk a step ends with when the records fill whole chunks, wait for the write before they commit: a step
 *     completes only when everything it read is written.</li>
 * </ul>
 * Batch's write counts and the progress log count a chunk when its write has started.
 */
final class WriteBehind<T> implements ItemStreamWriter<T>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

    private final Function<List<T>, GuardedUpsert.Outcome<T>> write;
    private final AsyncTaskExecutor thread;
    private final int chunkSize;
    private final List<String> readerKeys;

    private StepExecution step;
    private Future<GuardedUpsert.Outcome<T>> inFlight;
    private RuntimeException failure;
    private boolean wroteThisChunk;
    private boolean shortChunk;
    /** The reader's position after the last chunk that is committed and written: what a commit may save. */
    private Map<String, Object> doneState;
    /** The reader's position after the chunk in flight, once that chunk has committed; null before. */
    private Map<String, Object> pendingState;

    /**
     * @param write      writes a chunk's records, says what it kept out and left to relocate (on {@code thread})
     * @param thread     runs the writes
     * @param readerKeys the keys of the step's ExecutionContext in which the reader saves its position
     */
    WriteBehind(Function<List<T>, GuardedUpsert.Outcome<T>> write, AsyncTaskExecutor thread, int chunkSize,
                List<String> readerKeys) {
        this.write = write;
        this.thread = thread;
        this.chunkSize = chunkSize;
        this.readerKeys = readerKeys;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        inFlight = null;
        failure = null;
        wroteThisChunk = false;
        doneState = readerState(context);
        pendingState = null;
    }

    @Override
    public void write(Chunk<? extends T> chunk) {
        finish();
        List<T> items = List.copyOf(chunk.getItems());
        inFlight = thread.submit(() -> write.apply(items));
        wroteThisChunk = true;
        shortChunk = items.size() < chunkSize;
    }

    /** Called before each commit, after the reader has put its position into the context. */
    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        Map<String, Object> readerNow = readerState(context);
        if (!wroteThisChunk || shortChunk) { // the end of the records, or a chunk that may be the last one
            finish();
        }
        if (inFlight != null) {
            pendingState = readerNow;
            restore(context, doneState);
        } else {
            doneState = readerNow;
        }
        wroteThisChunk = false;
    }

    /**
     * The step ended. If it failed or stopped with a write in flight, wait for that write; then save the position
     * after the last chunk that is committed and written, whatever the reader put there last.
     */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (inFlight != null && failure == null) {
            try {
                if (pendingState != null) {
                    finish(); // its chunk committed: record it and move the position past it
                } else {
                    inFlight.get(); // its chunk rolled back: a restart reads and writes it again
                }
            } catch (RuntimeException | ExecutionException e) {
                log.warn("{}: the last chunk's write failed too: {}", stepExecution.getStepName(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight = null;
            }
        }
        restore(stepExecution.getExecutionContext(), doneState);
        return null;
    }

    @Override
    public void close() throws ItemStreamException {
        inFlight = null;
    }

    /** Waits for the write in flight and records its outcome on this (the step's) thread; rethrows its failure. */
    private void finish() {
        if (failure != null) {
            throw failure;
        }
        if (inFlight == null) {
            return;
        }
        try {
            GuardedUpsert.Outcome<T> outcome = inFlight.get();
            KeptLocal.add(step, outcome.kept());
            Relocations.defer(step, outcome.relocations());
            if (pendingState != null) {
                doneState = pendingState;
                pendingState = null;
            }
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("interrupted while waiting for a chunk's write", e);
            throw failure;
        } finally {
            inFlight = null;
        }
    }

    private Map<String, Object> readerState(ExecutionContext context) {
        Map<String, Object> state = new HashMap<>();
        for (String key : readerKeys) {
            if (context.containsKey(key)) {
                state.put(key, context.get(key));
            }
        }
        return state;
    }

    private void restore(ExecutionContext context, Map<String, Object> state) {
        readerKeys.forEach(context::remove);
        state.forEach(context::put);
    }
}
