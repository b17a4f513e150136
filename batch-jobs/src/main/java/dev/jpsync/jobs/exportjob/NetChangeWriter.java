package dev.jpsync.jobs.exportjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.jpsync.domain.ChangeLogArchive;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.ExportOutcome;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.RemoteIdMap;

/**
 * Sends a chunk's net changes, up to {@code sync.export.concurrency} at once: first the posts, then (once
 * every post call has finished, so that a new post has its remote id) the comments. The first call that
 * finds the remote down stops the chunk: calls not yet started are not made, and the step fails. The
 * outcomes of the calls made are recorded after each batch of calls in one statement, committed on its
 * own, so that a failing chunk keeps them too.
 */
class NetChangeWriter implements ItemWriter<NetChange> {

    private final NetChangeSender sender;
    private final RemoteIdMap remoteIds;
    private final ChangeLogArchive outcomes;
    private final TransactionTemplate ownTransaction;
    private final AsyncTaskExecutor pool;
    private final long executionId;
    private final long skipLimit;
    private final AtomicLong skips;

    NetChangeWriter(NetChangeSender sender, RemoteIdMap remoteIds, AsyncTaskExecutor pool, ChangeLogArchive outcomes,
                    PlatformTransactionManager transactionManager, long executionId, long skipLimit, long skipsSoFar) {
        this.sender = sender;
        this.remoteIds = remoteIds;
        this.outcomes = outcomes;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.pool = pool;
        this.executionId = executionId;
        this.skipLimit = skipLimit;
        this.skips = new AtomicLong(skipsSoFar);
    }

    @Override
    public void write(Chunk<? extends NetChange> chunk) throws Exception {
        List<NetChange> posts = new ArrayList<>();
        List<NetChange> comments = new ArrayList<>();
        for (NetChange change : chunk) {
            (change.entity() == EntityKind.POST ? posts : comments).add(change);
        }
        sendConcurrently(posts, readMappings(mappings -> mappings
                .prefetch(EntityKind.POST, posts.stream().map(NetChange::entityId).toList())));
        // read after the posts' calls: a post created in this chunk has its remote id by now
        sendConcurrently(comments, readMappings(mappings -> mappings
                .prefetch(EntityKind.COMMENT, comments.stream().map(NetChange::entityId).toList())
                .prefetch(EntityKind.POST, comments.stream().filter(c -> c.action() != NetChange.Action.DELETE
                        && c.action() != NetChange.Action.NONE).map(sender::localPostIdOf).toList())));
    }

    /**
     * Reads the mappings in a transaction of their own: the chunk's transaction may hold a snapshot older
     * than the remote ids the posts' calls have just committed.
     */
    private NetChangeSender.Mappings readMappings(UnaryOperator<NetChangeSender.Mappings> prefetch) {
        return ownTransaction.execute(status -> prefetch.apply(new NetChangeSender.Mappings(remoteIds)));
    }

    private void sendConcurrently(List<NetChange> changes, NetChangeSender.Mappings mappings) throws InterruptedException {
        if (changes.isEmpty()) {
            return;
        }
        AtomicReference<RuntimeException> stop = new AtomicReference<>();
        Queue<NetChangeSender.Decided> decided = new ConcurrentLinkedQueue<>();
        List<Future<?>> calls = new ArrayList<>(changes.size());
        for (NetChange change : changes) {
            calls.add(pool.submit(() -> {
                if (stop.get() != null) {
                    return;
                }
                try {
                    if (sender.send(change, mappings, executionId, decided) == ExportOutcome.SKIPPED && skips.incrementAndGet() > skipLimit) {
                        stop.compareAndSet(null, new ExportSkipLimitExceededException(skipLimit));
                    }
                } catch (RuntimeException e) {
                    stop.compareAndSet(null, e);
                }
            }));
        }
        for (Future<?> call : calls) {
            try {
                call.get();
            } catch (ExecutionException e) {
                stop.compareAndSet(null, new IllegalStateException(e.getCause()));
            }
        }
        // also when the chunk fails: what the remote confirmed is recorded, in a transaction of its own
        ownTransaction.executeWithoutResult(status -> {
            for (ExportOutcome outcome : ExportOutcome.values()) {
                List<Long> ids = decided.stream().filter(d -> d.outcome() == outcome)
                        .flatMap(d -> d.changeIds().stream()).toList();
                outcomes.recordOutcome(ids, executionId, outcome);
            }
        });
        if (stop.get() != null) {
            throw stop.get();
        }
    }

    /** More changes were refused in this run than {@code sync.export.skip-limit} allows. */
    static class ExportSkipLimitExceededException extends RuntimeException {
        ExportSkipLimitExceededException(long limit) {
            super("more than " + limit + " changes were refused by the remote in this run (sync.export.skip-limit); "
                    + "see sync_failure");
        }
    }
}
