package dev.jpsync.jobs.verifyjob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.jobs.importjob.RemoteRecord;
import dev.jpsync.jobs.verifyjob.LocalRecords.LocalRecord;
import tools.jackson.databind.JsonNode;

/**
 * Compares one chunk of remote records with the local records mapped to their ids and adds a report row for
 * each difference; notes the chunk's remote ids as seen, for {@link FindMissingOnRemote}. Reads the database
 * only through a few queries per chunk and writes only the report: neither side is changed.
 */
class DriftWriter implements ItemWriter<RemoteRecord> {

    private static final Logger log = LoggerFactory.getLogger(DriftWriter.class);

    private final EntityKind kind;
    private final LocalRecords local;
    private final DriftReportRepository report;
    private final long executionId;

    DriftWriter(EntityKind kind, LocalRecords local, DriftReportRepository report, long executionId) {
        this.kind = kind;
        this.local = local;
        this.report = report;
        this.executionId = executionId;
    }

    @Override
    public void write(Chunk<? extends RemoteRecord> chunk) {
        Map<Long, JsonNode> remote = new LinkedHashMap<>();
        for (RemoteRecord record : chunk) {
            JsonNode id = record.json().isObject() ? record.json().get("id") : null;
            if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) {
                log.warn("{} at position {} has no usable id and cannot be compared: {}", kind.resource(),
                        record.index(), record.json());
                continue;
            }
            remote.put(id.longValue(), record.json());
        }
        if (remote.isEmpty()) {
            return;
        }
        report.markSeen(executionId, kind, remote.keySet());
        Map<Long, LocalRecord> here = local.byRemoteIds(kind, remote.keySet());
        Set<Long> pendingHere = local.withPendingChanges(kind, here.values().stream().map(LocalRecord::localId).toList());
        Set<Long> pendingDeletion = local.withPendingDeletion(kind,
                remote.keySet().stream().filter(id -> !here.containsKey(id)).toList());
        List<DriftReportRepository.NewEntry> entries = new ArrayList<>();
        remote.forEach((remoteId, remoteState) -> {
            LocalRecord record = here.get(remoteId);
            boolean pending = record == null ? pendingDeletion.contains(remoteId) : pendingHere.contains(record.localId());
            Optional<Drift> drift = DriftClassifier.classify(kind, remoteState, record == null ? null : record.state(),
                    pending);
            drift.ifPresent(d -> entries.add(new DriftReportRepository.NewEntry(kind,
                    record == null ? null : record.localId(), remoteId, d,
                    record == null ? null : record.state().toString(), remoteState.toString())));
        });
        if (!entries.isEmpty()) {
            report.add(executionId, entries);
        }
    }
}
