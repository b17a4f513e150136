package dev.jpsync.jobs.importjob;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.domain.EntityKind;

/**
 * Writes the records the import refused into {@code import_skip}, with the reason, where an operator can read
 * them. Runs inside the chunk's transaction, so a chunk that rolls back leaves no entries and a restart does not
 * record them twice. (Records kept out by local work are not refused: {@link KeptLocal} counts them.)
 */
public class ImportSkipLog<O> implements SkipListener<RemoteRecord, O> {

    private final JdbcClient jdbc;
    private final EntityKind entity;

    public ImportSkipLog(JdbcClient jdbc, EntityKind entity) {
        this.jdbc = jdbc;
        this.entity = entity;
    }

    @Override
    public void onSkipInProcess(RemoteRecord record, Throwable reason) {
        record(record, String.valueOf(reason.getMessage()));
    }

    private void record(RemoteRecord record, String reason) {
        StepContext step = StepSynchronizationManager.getContext();
        Long executionId = step == null ? null : step.getStepExecution().getJobExecutionId();
        jdbc.sql("""
                        INSERT INTO import_skip (import_execution_id, entity, item_index, remote_id, reason, raw_item)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(executionId, entity.name(), record.index(), record.idOrNull(),
                        reason.length() > 2000 ? reason.substring(0, 2000) : reason, record.raw())
                .update();
    }
}
