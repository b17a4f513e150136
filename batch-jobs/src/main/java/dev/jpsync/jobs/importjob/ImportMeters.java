package dev.jpsync.jobs.importjob;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.jobs.support.SyncMetrics;

/** Counts an import step's written rows and skipped records into {@link SyncMetrics} (on commit). */
public class ImportMeters<O> implements ItemWriteListener<O>, SkipListener<RemoteRecord, O> {

    private final SyncMetrics metrics;
    private final EntityKind entity;

    public ImportMeters(SyncMetrics metrics, EntityKind entity) {
        this.metrics = metrics;
        this.entity = entity;
    }

    @Override
    public void afterWrite(Chunk<? extends O> items) {
        metrics.importedRows(entity, items.size());
    }

    @Override
    public void onSkipInProcess(RemoteRecord record, Throwable reason) {
        metrics.skipped(ImportJobConfiguration.JOB_NAME, entity);
    }
}
