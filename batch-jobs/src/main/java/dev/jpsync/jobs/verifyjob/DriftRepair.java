package dev.jpsync.jobs.verifyjob;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.ChangeOp;
import dev.jpsync.domain.ChangeRequeue;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.RemoteIdMap;
import dev.jpsync.jobs.support.CauseChain;
import dev.jpsync.jobs.verifyjob.RepairPlanner.Plan;
import dev.jpsync.jobs.verifyjob.RepairStep.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out an operator's repair of drift report rows, each row in its own transaction (one bad row never
 * blocks the rest): a local-truth repair queues the record's state in {@code change_log} for the next export; a
 * remote-truth repair writes the remote's version into the database with capture off. Each repair is noted in
 * {@code sync_repair} (the record's history) and on the report row, so that it is never done twice. A dry run
 * answers the same plan and writes nothing.
 */
@Component
public class DriftRepair {

    static final int MAX_STEPS_SHOWN = 500;
    private static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(DriftRepair.class);

    private final DriftReportRepository report;
    private final ChangeRequeue changes;
    private final RemoteIdMap remoteIds;
    private final LocalRecords localRecords;
    private final CaptureSuppression captureSuppression;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transaction;

    public DriftRepair(DriftReportRepository report, ChangeRequeue changes, RemoteIdMap remoteIds,
                       LocalRecords localRecords, CaptureSuppression captureSuppression, JdbcClient jdbc,
                       JsonMapper json, PlatformTransactionManager transactionManager) {
        this.report = report;
        this.changes = changes;
        this.remoteIds = remoteIds;
        this.localRecords = localRecords;
        this.captureSuppression = captureSuppression;
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Repairs every row of a report, a page at a time. */
    public RepairResult repairReport(long verifyExecutionId, SourceOfTruth truth, RepairScope scope, boolean dryRun) {
        Map<Outcome, Long> totals = new EnumMap<>(Outcome.class);
        List<RepairStep> shown = new ArrayList<>();
        long after = 0;
        boolean truncated = false;
        for (List<DriftEntry> page = report.after(verifyExecutionId, after, PAGE); !page.isEmpty();
             page = report.after(verifyExecutionId, after, PAGE)) {
            for (DriftEntry row : page) {
                RepairStep step = repair(row, truth, dryRun, scope);
                totals.merge(step.outcome(), 1L, Long::sum);
                if (shown.size() < MAX_STEPS_SHOWN) {
                    shown.add(step);
                } else {
                    truncated = true;
                }
                after = row.id();
            }
        }
        return new RepairResult(dryRun, truth, scope, verifyExecutionId, totals, shown, truncated);
    }

    /** Repairs one row; empty when there is no such row. */
    public Optional<RepairResult> repairRow(long driftId, SourceOfTruth truth, RepairScope scope, boolean dryRun) {
        return report.findById(driftId).map(row -> {
            RepairStep step = repair(row, truth, dryRun, scope);
            return new RepairResult(dryRun, truth, scope, row.verifyExecutionId(), Map.of(step.outcome(), 1L),
                    List.of(step), false);
        });
    }

    /** @param read the row as read before; a repair locks it and reads it again */
    private RepairStep repair(DriftEntry read, SourceOfTruth truth, boolean dryRun, RepairScope scope) {
        long driftId = read.id();
        if (dryRun) {
            DriftEntry row = read;
            Plan plan = RepairPlanner.plan(row, truth, scope);
            return step(row, plan, plan.action() == RepairPlanner.Action.NONE ? Outcome.SKIPPED : Outcome.PLANNED,
                    plan.action() == RepairPlanner.Action.NONE ? plan.description() : "dry run: nothing was written");
        }
        try {
            return transaction.execute(status -> {
                DriftEntry row = report.lock(driftId).orElseThrow();
                Plan plan = RepairPlanner.plan(row, truth, scope);
                if (plan.action() == RepairPlanner.Action.NONE) {
                    return step(row, plan, Outcome.SKIPPED, plan.description());
                }
                Optional<String> refused = carryOut(row, plan, truth);
                if (refused.isPresent()) {
                    status.setRollbackOnly();
                    return step(row, plan, Outcome.SKIPPED, refused.get());
                }
                report.markRepaired(row.id(), truth + ": " + plan.description());
                return step(row, plan, Outcome.DONE, truth == SourceOfTruth.LOCAL ? "queued in change_log"
                        : "written with capture off");
            });
        } catch (DataAccessException e) {
            DriftEntry row = report.findById(driftId).orElseThrow();
            log.warn("Repair of drift row {} failed", driftId, e);
            return step(row, RepairPlanner.plan(row, truth, scope), Outcome.FAILED, CauseChain.rootReason(e));
        }
    }

    /** Does the plan; a reason when the records changed since the report so that it no longer applies. */
    private Optional<String> carryOut(DriftEntry row, Plan plan, SourceOfTruth truth) {
        EntityKind kind = row.entity();
        String table = kind.resource();
        switch (plan.action()) {
            case QUEUE_CREATE -> {
                // the remote lost the record: forget its remote id (bookkeeping, not captured), then log a CREATE
                jdbc.sql("UPDATE " + table + " SET remote_id = NULL WHERE id = ?").param(row.localId()).update();
                OptionalLong id = changes.logCurrentState(kind, row.localId(), ChangeOp.CREATE);
                if (id.isEmpty()) {
                    return Optional.of(kind.resource() + " " + row.localId() + " was deleted here since the report");
                }
                note(row, row.localId(), null, truth, plan, null);
            }
            case QUEUE_UPDATE -> {
                if (changes.logCurrentState(kind, row.localId(), ChangeOp.UPDATE).isEmpty()) {
                    return Optional.of(kind.resource() + " " + row.localId() + " was deleted here since the report");
                }
                note(row, row.localId(), row.remoteId(), truth, plan, null);
            }
            case QUEUE_DELETE -> {
                Optional<Long> mapped = remoteIds.localIdOf(kind, row.remoteId());
                if (mapped.isPresent()) {
                    return Optional.of("remote id " + row.remoteId() + " is mapped to " + kind.resource() + " "
                            + mapped.get() + " since the report");
                }
                // no local record: logged under the negated remote id, which no local id can be
                ObjectNode payload = json.createObjectNode();
                payload.put("id", -row.remoteId());
                payload.put("remoteId", row.remoteId());
                changes.logDeletion(kind, -row.remoteId(), payload.toString());
                note(row, null, row.remoteId(), truth, plan, payload.toString());
            }
            case INSERT_HERE -> {
                Optional<String> refused = writeHere(row, true);
                if (refused.isPresent()) {
                    return refused;
                }
            }
            case UPDATE_HERE, DELETE_HERE -> {
                if (!localRecords.withPendingChanges(kind, List.of(row.localId())).isEmpty()) {
                    return Optional.of(kind.resource() + " " + row.localId()
                            + " was edited here since the report; the next export sends that edit");
                }
                if (plan.action() == RepairPlanner.Action.DELETE_HERE) {
                    int deleted = captureSuppression.call(() -> jdbc.sql("DELETE FROM " + table + " WHERE id = ?")
                            .param(row.localId()).update());
                    if (deleted == 0) {
                        return Optional.of(kind.resource() + " " + row.localId() + " was deleted here since the report");
                    }
                    note(row, row.localId(), row.remoteId(), truth, plan, row.localState() == null ? null
                            : row.localState().toString());
                } else {
                    Optional<String> refused = writeHere(row, false);
                    if (refused.isPresent()) {
                        return refused;
                    }
                }
            }
            case NONE -> throw new IllegalStateException("nothing to carry out");
        }
        return Optional.empty();
    }

    /** Inserts or overwrites the local record with the remote's version, capture off. */
    private Optional<String> writeHere(DriftEntry row, boolean insert) {
        JsonNode remote = row.remoteState();
        EntityKind kind = row.entity();
        Long localPostId = null;
        if (kind == EntityKind.COMMENT) {
            long remotePostId = remote.get("postId").asLong();
            Optional<Long> post = remoteIds.localIdOf(EntityKind.POST, remotePostId);
            if (post.isEmpty()) {
                return Optional.of("its post (remote id " + remotePostId + ") is not here; repair the post first");
            }
            localPostId = post.get();
        }
        Long postId = localPostId;
        Long localId = captureSuppression.call(() -> insert ? insertHere(kind, remote, row.remoteId(), postId)
                : updateHere(kind, remote, row.localId(), postId));
        if (localId == null) {
            return Optional.of(kind.resource() + " " + row.localId() + " was deleted here since the report");
        }
        Plan plan = new Plan(insert ? RepairPlanner.Action.INSERT_HERE : RepairPlanner.Action.UPDATE_HERE,
                (insert ? "INSERT " + kind.resource() + " " + localId : "UPDATE " + kind.resource() + " " + localId)
                        + " from the remote");
        note(row, localId, row.remoteId(), SourceOfTruth.REMOTE, plan, remote.toString());
        return Optional.empty();
    }

    private Long insertHere(EntityKind kind, JsonNode remote, long remoteId, Long localPostId) {
        if (kind == EntityKind.POST) {
            jdbc.sql("INSERT INTO posts (user_id, title, body, remote_id) VALUES (?, ?, ?, ?)")
                    .params(remote.get("userId").asLong(), text(remote, "title"), text(remote, "body"), remoteId).update();
        } else {
            jdbc.sql("INSERT INTO comments (post_id, name, email, body, remote_id) VALUES (?, ?, ?, ?, ?)")
                    .params(localPostId, text(remote, "name"), text(remote, "email"), text(remote, "body"), remoteId)
                    .update();
        }
        return jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
    }

    private Long updateHere(EntityKind kind, JsonNode remote, long localId, Long localPostId) {
        int updated = kind == EntityKind.POST
                ? jdbc.sql("UPDATE posts SET user_id = ?, title = ?, body = ? WHERE id = ?")
                        .params(remote.get("userId").asLong(), text(remote, "title"), text(remote, "body"), localId).update()
                : jdbc.sql("UPDATE comments SET post_id = ?, name = ?, email = ?, body = ? WHERE id = ?")
                        .params(localPostId, text(remote, "name"), text(remote, "email"), text(remote, "body"), localId)
                        .update();
        // an UPDATE that changes nothing reports 0 rows on MySQL: existence decides
        return updated == 1 || remoteIds.lookupAll(kind, List.of(localId)).get(localId).exists()
                ? localId : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private void note(DriftEntry row, Long localId, Long remoteId, SourceOfTruth truth, Plan plan, String payload) {
        jdbc.sql("""
                        INSERT INTO sync_repair (drift_id, entity, entity_id, remote_id, source_of_truth, action, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(row.id(), row.entity().name(), localId, remoteId, truth.name(),
                        cut(plan.action().name() + ": " + plan.description(), 64), payload)
                .update();
    }

    private static RepairStep step(DriftEntry row, Plan plan, Outcome outcome, String detail) {
        return new RepairStep(row.id(), row.entity(), row.localId(), row.remoteId(), row.kind(), plan.description(),
                outcome, detail);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
