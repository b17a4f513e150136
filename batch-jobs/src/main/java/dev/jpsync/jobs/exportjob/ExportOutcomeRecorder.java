package dev.jpsync.jobs.exportjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.jpsync.domain.ChangeLogArchive;
import dev.jpsync.domain.ChangeOp;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.ExportOutcome;
import dev.jpsync.domain.ExportRecordState;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.RemoteIdMap;
import dev.jpsync.domain.SyncFailure;
import dev.jpsync.domain.SyncFailureRepository;
import dev.jpsync.jobs.support.SyncMetrics;
import dev.jpsync.jobs.remote.RemoteResponse;

/**
 * The one place that writes down what became of a net change, each write committed on its own (outside the
 * chunk's transaction, so that what the remote confirmed survives a failing chunk):
 * <ul>
 * <li>a remote id, as soon as the remote has given it (a restart that finds it sends a PUT, never a POST);</li>
 * <li>the POSTs about to be sent, before they leave ({@link ExportRecordState});</li>
 * <li>refusals and parked records: a {@code sync_failure} row and the entries' outcome, together;</li>
 * <li>everything else: the entries' outcomes, for a whole batch of calls in one statement.</li>
 * </ul>
 */
class ExportOutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(ExportOutcomeRecorder.class);

    private final RemoteIdMap remoteIds;
    private final ChangeLogArchive outcomes;
    private final SyncFailureRepository failures;
    private final ExportRecordState recordState;
    private final TransactionTemplate ownTransaction;
    private final SyncMetrics metrics;
    private final int parkAfterRuns;

    ExportOutcomeRecorder(RemoteIdMap remoteIds, ChangeLogArchive outcomes, SyncFailureRepository failures,
                          ExportRecordState recordState, PlatformTransactionManager transactionManager,
                          SyncMetrics metrics, int parkAfterRuns) {
        this.remoteIds = remoteIds;
        this.outcomes = outcomes;
        this.failures = failures;
        this.recordState = recordState;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.metrics = metrics;
        this.parkAfterRuns = parkAfterRuns;
    }

    /** The outcomes of one batch of calls, recorded together by {@link Batch#flush()}. Thread-safe. */
    Batch batch(long executionId) {
        return new Batch(executionId);
    }

    final class Batch {

        private final long executionId;
        private final Queue<Decided> decided = new ConcurrentLinkedQueue<>();

        private record Decided(NetChange change, ExportOutcome outcome) {
        }

        private Batch(long executionId) {
            this.executionId = executionId;
        }

        void createsAboutToBeSent(EntityKind kind, List<Long> localIds) {
            if (!localIds.isEmpty()) {
                ownTransaction.executeWithoutResult(status -> recordState.markCreatesSent(kind, localIds, executionId));
            }
        }

        /** Stores the remote id at once (see {@link RemoteIdMap#assign}); the outcome follows with the batch. */
        RemoteIdMap.Assignment remoteId(NetChange change, long remoteId) {
            return remoteIds.assign(change.entity(), change.entityId(), remoteId);
        }

        void decided(NetChange change, ExportOutcome outcome) {
            decided.add(new Decided(change, outcome));
        }

        /** The remote refused the change, or it cannot be sent: {@code sync_failure} and SKIPPED, now. */
        void refused(NetChange change, RemoteResponse response, String reason, int attempts) {
            String why = response == null ? reason : reason + " (HTTP " + response.status() + ")";
            fail(change, response, why, attempts, ExportOutcome.SKIPPED);
        }

        /**
         * The change's calls went unanswered while the remote answered others: counts the run, and parks the
         * record once that has happened in {@code sync.export.park-after-runs} runs.
         *
         * @return whether the record was parked (otherwise its entries stay pending)
         */
        boolean unanswered(NetChange change, String reason, int attempts) {
            int runs = ownTransaction.execute(status ->
                    recordState.unansweredIn(change.entity(), change.entityId(), executionId, reason));
            if (runs < parkAfterRuns) {
                log.info("{} {} left for the next run ({} of {} runs without an answer): {}",
                        change.entity().name().toLowerCase(), change.entityId(), runs, parkAfterRuns, reason);
                return false;
            }
            fail(change, null, "parked after " + runs + " runs without an answer while the remote answered other "
                    + "calls (sync.export.park-after-runs); the last: " + reason, attempts, ExportOutcome.FAILED);
            return true;
        }

        /** Records the batch's outcomes in one transaction and forgets the records' state between runs. */
        void flush() {
            if (decided.isEmpty()) {
                return;
            }
            ownTransaction.executeWithoutResult(status -> {
                for (ExportOutcome outcome : ExportOutcome.values()) {
                    List<Long> ids = decided.stream().filter(d -> d.outcome() == outcome)
                            .flatMap(d -> d.change().changeIds().stream()).toList();
                    outcomes.recordOutcome(ids, executionId, outcome);
                }
                for (EntityKind kind : EntityKind.values()) {
                    List<Long> records = new ArrayList<>();
                    decided.stream().filter(d -> d.change().entity() == kind).forEach(d -> records.add(d.change().entityId()));
                    recordState.forget(kind, records);
                }
            });
        }

        private void fail(NetChange change, RemoteResponse response, String reason, int attempts, ExportOutcome outcome) {
            log.info("{} {} {}: {}", change.entity().name().toLowerCase(), change.entityId(),
                    outcome == ExportOutcome.FAILED ? "parked" : "skipped", reason);
            ownTransaction.executeWithoutResult(status -> {
                metrics.skipped(ExportJobConfiguration.JOB_NAME, change.entity()); // counted when this commits
                failures.record(SyncFailure.refused(change.entity(), change.entityId(), netOp(change),
                        change.latestPayload(), response == null ? null : response.method(),
                        response == null ? null : response.url(), response == null ? null : response.status(),
                        response == null ? null : response.body(), reason, attempts, executionId));
                outcomes.recordOutcome(change.changeIds(), executionId, outcome);
                recordState.forget(change.entity(), List.of(change.entityId()));
            });
        }
    }

    private static ChangeOp netOp(NetChange change) {
        return switch (change.action()) {
            case CREATE, NONE -> ChangeOp.CREATE;
            case UPDATE -> ChangeOp.UPDATE;
            case DELETE -> ChangeOp.DELETE;
        };
    }
}
