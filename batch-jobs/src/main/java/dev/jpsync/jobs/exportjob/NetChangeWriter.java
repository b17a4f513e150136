package dev.jpsync.jobs.exportjob;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.ExportOutcome;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.RemoteIdMap;
import dev.jpsync.jobs.remote.RemoteUnavailableException;

/**
 * Sends a chunk's net changes, up to {@code sync.export.concurrency} at once: first the posts, then (once
 * every post call has finished, so that a new post has its remote id) the comments. Per batch of calls:
 * read what the database knows, decide every call ({@link ExportDecision}), note the POSTs about to leave,
 * make the calls ({@link RemoteCallExecutor}), record what came of them ({@link ExportOutcomeRecorder}).
 * <p>
 * A call holds one of {@code sync.export.concurrency} slots, taken here in the order of the items before its
 * task is handed to a thread, so calls start in that order; the thread gives the slot back as soon as the
 * call has its answer, before recording it, so that a remote id waiting for the database holds no call back
 * (the pool has more threads than slots). A call that went unanswered keeps its slot for the probe. The
 * undoing of a create (a record deleted here while its POST was on the way, rare) is one call outside the
 * slots: waiting for a slot there could wait for tasks that have a slot but no thread yet.
 * <p>
 * A record whose calls go unanswered does not stop the run while the remote answers other calls or a probe:
 * its entries stay pending (parked after {@code sync.export.park-after-runs} such runs). When nothing answers,
 * the remote is down: calls not yet started are not made, nothing is parked, and the step fails.
 * <p>
 * Refused and parked changes are skips where Spring Batch counts them (the step's write-skip count); the
 * skip limit counts those of every execution of the job instance.
 */
class NetChangeWriter implements ItemWriter<ExportItem> {

    /** What became of one item in this run. */
    private enum Fate {
        WRITTEN,
        SKIPPED,
        LEFT_PENDING
    }

    private final RemoteCallExecutor executor;
    private final ExportOutcomeRecorder recorder;
    private final RemoteIdMap remoteIds;
    private final KnownRemoteIdsReader knownRemoteIds;
    private final TransactionTemplate ownTransaction;
    private final AsyncTaskExecutor pool;
    private final Semaphore callSlots;
    private final StepExecution stepExecution;
    private final long skipLimit;
    private final AtomicLong skips;

    NetChangeWriter(RemoteCallExecutor executor, ExportOutcomeRecorder recorder, RemoteIdMap remoteIds,
                    KnownRemoteIdsReader knownRemoteIds, AsyncTaskExecutor pool, int concurrency,
                    PlatformTransactionManager transactionManager, StepExecution stepExecution, long skipLimit,
                    long skipsSoFar) {
        this.executor = executor;
        this.recorder = recorder;
        this.remoteIds = remoteIds;
        this.knownRemoteIds = knownRemoteIds;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.pool = pool;
        this.callSlots = new Semaphore(concurrency);
        this.stepExecution = stepExecution;
        this.skipLimit = skipLimit;
        this.skips = new AtomicLong(skipsSoFar);
    }

    @Override
    public void write(Chunk<? extends ExportItem> chunk) throws Exception {
        List<ExportItem> posts = new ArrayList<>();
        List<ExportItem> comments = new ArrayList<>();
        for (ExportItem item : chunk) {
            (item.change().entity() == EntityKind.POST ? posts : comments).add(item);
        }
        Map<ExportItem, Fate> fates = new IdentityHashMap<>();
        RuntimeException failure = null;
        try {
            sendConcurrently(posts, fates);
            // read after the posts' calls: a post created in this chunk has its remote id by now
            sendConcurrently(comments, fates);
        } catch (RuntimeException e) {
            failure = e;
        }
        countInChunk(chunk, fates);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Leaves in the chunk only what was written (Spring Batch's write count); refused and parked changes are
     * removed as skips and counted in the step's write-skip count, also when the chunk then fails.
     */
    private void countInChunk(Chunk<? extends ExportItem> chunk, Map<ExportItem, Fate> fates) {
        long skipped = 0;
        var it = chunk.iterator();
        while (it.hasNext()) {
            ExportItem item = it.next();
            Fate fate = fates.getOrDefault(item, Fate.LEFT_PENDING);
            if (fate == Fate.SKIPPED) {
                it.remove(new RefusedChangeException(item.change()));
                skipped++;
            } else if (fate == Fate.LEFT_PENDING) {
                it.remove();
            }
        }
        stepExecution.setWriteSkipCount(stepExecution.getWriteSkipCount() + skipped);
    }

    private void sendConcurrently(List<ExportItem> items, Map<ExportItem, Fate> fateOf) {
        if (items.isEmpty()) {
            return;
        }
        KnownRemoteIds known = ownTransaction.execute(status -> knownRemoteIds.read(items));
        List<RemoteCall> calls = items.stream().map(item -> ExportDecision.decide(item, known)).toList();
        ExportOutcomeRecorder.Batch batch = recorder.batch(stepExecution.getJobExecutionId());
        List<Long> creates = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (calls.get(i).kind() == RemoteCall.Kind.POST) {
                creates.add(items.get(i).change().entityId());
            }
        }
        batch.createsAboutToBeSent(items.get(0).change().entity(), creates);

        Fate[] fates = new Fate[items.size()];
        RemoteCallExecutor.Result[] unanswered = new RemoteCallExecutor.Result[items.size()];
        AtomicBoolean answered = new AtomicBoolean();
        AtomicReference<Boolean> probe = new AtomicReference<>();
        AtomicReference<RuntimeException> stop = new AtomicReference<>();
        List<Future<?>> tasks = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int n = i;
            CallSlot slot = CallSlot.take(callSlots);
            tasks.add(pool.submit(() -> {
                try {
                    if (stop.get() != null) {
                        fates[n] = Fate.LEFT_PENDING;
                        return;
                    }
                    RemoteCall call = calls.get(n);
                    NetChange change = items.get(n).change();
                    if (!call.isCall()) {
                        slot.giveBack();
                        fates[n] = decidedWithoutCall(change, call, batch);
                        return;
                    }
                    RemoteCallExecutor.Result result = executor.execute(call);
                    if (result.answered()) {
                        slot.giveBack(); // the next call may start while this one's answer is recorded
                        answered.set(true);
                        fates[n] = recordAnswer(change, call, result, batch);
                    } else {
                        unanswered[n] = result;
                        fates[n] = Fate.LEFT_PENDING;
                        if (!answered.get() && !remoteAnswers(probe)) {
                            stop.compareAndSet(null, new RemoteUnavailableException(result.reason()
                                    + "; the remote answers no other call either", result.attempts(), null, false));
                        }
                    }
                    if (fates[n] == Fate.SKIPPED && skips.incrementAndGet() > skipLimit) {
                        stop.compareAndSet(null, new ExportSkipLimitExceededException(skipLimit));
                    }
                } catch (RuntimeException e) {
                    stop.compareAndSet(null, e);
                } finally {
                    slot.giveBack();
                }
            }));
        }
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (ExecutionException e) {
                stop.compareAndSet(null, new IllegalStateException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.compareAndSet(null, new IllegalStateException("interrupted while sending", e));
            }
        }
        if (stop.get() == null) {
            // the remote answers (other calls or the probe): what went unanswered is the record's own problem
            for (int i = 0; i < items.size(); i++) {
                if (unanswered[i] != null && batch.unanswered(items.get(i).change(), unanswered[i].reason(),
                        unanswered[i].attempts())) {
                    fates[i] = Fate.SKIPPED;
                    if (skips.incrementAndGet() > skipLimit) {
                        stop.compareAndSet(null, new ExportSkipLimitExceededException(skipLimit));
                    }
                }
            }
        }
        // also when the chunk fails: what the remote confirmed is recorded, in a transaction of its own
        batch.flush();
        for (int i = 0; i < items.size(); i++) {
            fateOf.put(items.get(i), fates[i] == null ? Fate.LEFT_PENDING : fates[i]);
        }
        if (stop.get() != null) {
            throw stop.get();
        }
    }

    /**
     * One probe per batch of calls, made when a call went unanswered before any other was answered (in that
     * call's slot).
     */
    private boolean remoteAnswers(AtomicReference<Boolean> probe) {
        synchronized (probe) {
            if (probe.get() == null) {
                probe.set(executor.remoteAnswers());
            }
            return probe.get();
        }
    }

    /** One of the call slots, given back once however often {@link #giveBack} is called. */
    private static final class CallSlot {

        private final Semaphore slots;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private CallSlot(Semaphore slots) {
            this.slots = slots;
        }

        /** Waits for a free slot (only the thread that hands out the calls takes slots, one call at a time). */
        static CallSlot take(Semaphore slots) {
            slots.acquireUninterruptibly();
            return new CallSlot(slots);
        }

        void giveBack() {
            if (held.compareAndSet(true, false)) {
                slots.release();
            }
        }
    }

    private Fate decidedWithoutCall(NetChange change, RemoteCall call, ExportOutcomeRecorder.Batch batch) {
        return switch (call.kind()) {
            case NONE -> {
                batch.decided(change, ExportOutcome.NOTHING_TO_SEND);
                yield Fate.WRITTEN;
            }
            case WAIT -> Fate.LEFT_PENDING;
            case REFUSE -> {
                batch.refused(change, null, call.reason(), 0);
                yield Fate.SKIPPED;
            }
            default -> throw new IllegalArgumentException(call.toString());
        };
    }

    private Fate recordAnswer(NetChange change, RemoteCall call, RemoteCallExecutor.Result result,
                              ExportOutcomeRecorder.Batch batch) {
        if (result.kind() == RemoteCallExecutor.Result.Kind.REFUSED) {
            batch.refused(change, result.response(), result.reason(), result.attempts());
            return Fate.SKIPPED;
        }
        Long remoteId = result.createdId() != null ? result.createdId() : call.storeRemoteId() ? call.remoteId() : null;
        if (remoteId != null) {
            RemoteIdMap.Assignment assignment = batch.remoteId(change, remoteId);
            if (result.createdId() != null) {
                executor.createCounted(result, assignment != RemoteIdMap.Assignment.REMOTE_ID_TAKEN);
            }
            switch (assignment) {
                case REMOTE_ID_TAKEN -> {
                    batch.refused(change, result.response(), "the remote answered id " + remoteId + ", which is "
                            + "already mapped to " + change.entity().name().toLowerCase() + " "
                            + remoteIds.localIdOf(change.entity(), remoteId).map(String::valueOf).orElse("?")
                            + "; the mapping was kept and this record stays without remote id", result.attempts());
                    return Fate.SKIPPED;
                }
                case RECORD_GONE -> {
                    if (result.createdId() != null) {
                        // deleted here while the POST was on its way; its DELETE entry knew no remote id
                        executor.undoCreate(change.entity(), remoteId);
                    }
                }
                case ASSIGNED -> {
                }
            }
        }
        batch.decided(change, ExportOutcome.SENT);
        return Fate.WRITTEN;
    }

    /** A change the remote refused, or that was parked: Spring Batch's record of the skip. */
    static class RefusedChangeException extends RuntimeException {
        RefusedChangeException(NetChange change) {
            super(change.entity().name().toLowerCase() + " " + change.entityId() + " refused or parked, see sync_failure");
        }
    }

    /** More changes were refused than {@code sync.export.skip-limit} allows. */
    static class ExportSkipLimitExceededException extends RuntimeException {
        ExportSkipLimitExceededException(long limit) {
            super("more than " + limit + " changes were refused by the remote in this job instance's runs "
                    + "(sync.export.skip-limit); see sync_failure");
        }
    }
}
