package dev.jpsync.jobs.exportjob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.jpsync.domain.Change;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.SqlLists;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the next export would send, a page of records at a time: the pending change-log entries (those without
 * an export outcome) of each record folded as the export's reader folds them, and the call the export's own
 * decision ({@link ExportDecision}) makes for each, from what the database knows now. Records in the export's
 * order: posts, then comments, each by local id. Reads only.
 */
@Component
public class PendingPreview {

    /**
     * One record's net change.
     *
     * @param method      the HTTP method, null when nothing would be sent
     * @param path        the remote path with remote ids, e.g. {@code /posts/7}
     * @param note        why nothing is sent, or a caveat
     * @param entries     change-log entries folded into it
     * @param oldestAt    when the oldest of them was written
     * @param ageSeconds  how long ago that was
     */
    public record PendingChange(EntityKind entity, long entityId, NetChange.Action action, String method, String path,
                                String note, int entries, Instant oldestAt, long ageSeconds, List<Long> changeIds) {
    }

    public record Page(List<PendingChange> content, long totalRecords) {
    }

    private final JdbcClient jdbc;
    private final KnownRemoteIdsReader knownRemoteIds;
    private final JsonMapper json;

    public PendingPreview(JdbcClient jdbc, KnownRemoteIdsReader knownRemoteIds, JsonMapper json) {
        this.jdbc = jdbc;
        this.knownRemoteIds = knownRemoteIds;
        this.json = json;
    }

    /** @param kind only this kind, or null for both */
    public Page page(EntityKind kind, long offset, int limit) {
        String only = kind == null ? "" : " AND c.entity = '" + kind.name() + "'";
        long total = jdbc.sql("""
                        SELECT COUNT(*) FROM (SELECT DISTINCT c.entity, c.entity_id FROM change_log c
                        LEFT JOIN change_log_outcome o ON o.change_id = c.id WHERE o.change_id IS NULL""" + only + ") r")
                .query(Long.class).single();
        Map<EntityKind, List<Long>> records = new EnumMap<>(EntityKind.class);
        jdbc.sql("""
                        SELECT c.entity, c.entity_id FROM change_log c LEFT JOIN change_log_outcome o ON o.change_id = c.id
                        WHERE o.change_id IS NULL""" + only + """
                         GROUP BY c.entity, c.entity_id
                        ORDER BY CASE c.entity WHEN 'POST' THEN 0 ELSE 1 END, c.entity_id LIMIT ? OFFSET ?""")
                .params(limit, offset)
                .query((rs, row) -> records.computeIfAbsent(EntityKind.valueOf(rs.getString(1)), k -> new ArrayList<>())
                        .add(rs.getLong(2)))
                .list();
        List<Change> entries = new ArrayList<>();
        records.forEach((entity, ids) -> entries.addAll(pendingEntries(entity, ids)));
        Map<Long, Instant> changedAt = new HashMap<>();
        entries.forEach(e -> changedAt.put(e.id(), e.changedAt()));
        return new Page(calls(PendingNetChangeReader.fold(entries, json), changedAt), total);
    }

    /** Each net change with the call the export's own decision ({@link ExportDecision}) makes for it now. */
    private List<PendingChange> calls(List<ExportItem> items, Map<Long, Instant> changedAt) {
        Map<EntityKind, KnownRemoteIds> known = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            List<ExportItem> ofKind = items.stream().filter(i -> i.change().entity() == kind).toList();
            if (!ofKind.isEmpty()) {
                known.put(kind, knownRemoteIds.read(ofKind));
            }
        }
        List<PendingChange> result = new ArrayList<>();
        Instant now = Instant.now();
        for (ExportItem item : items) {
            NetChange change = item.change();
            KnownRemoteIds knownOfKind = known.get(change.entity());
            RemoteCall call = ExportDecision.decide(item, knownOfKind);
            String method = call.isCall() ? call.method().name() : null;
            String path = call.isCall() ? call.path() : null;
            String note = call.reason();
            if (call.kind() == RemoteCall.Kind.WAIT) {
                // posts are sent before comments: in the run that sends its post, the comment follows it
                Long remoteId = knownOfKind.row(change.entity(), change.entityId()).remoteId();
                method = remoteId == null ? "POST" : "PUT";
                path = "/" + change.entity().resource() + (remoteId == null ? "" : "/" + remoteId);
                note = "after its post's own call, with the remote id that call gives the post";
            } else if (call.mayExistAlready()) {
                note = "looked up on the remote first: an earlier run may have sent it";
            }
            Instant oldest = change.changeIds().stream().map(changedAt::get).min(Comparator.naturalOrder()).orElse(now);
            result.add(new PendingChange(change.entity(), change.entityId(), change.action(), method, path, note,
                    change.changeIds().size(), oldest, Math.max(0, Duration.between(oldest, now).toSeconds()),
                    change.changeIds()));
        }
        return result;
    }

    private List<Change> pendingEntries(EntityKind kind, List<Long> ids) {
        List<Change> entries = new ArrayList<>();
        for (List<Long> part : SqlLists.partition(ids)) {
            List<Object> params = new ArrayList<>();
            params.add(kind.name());
            params.addAll(part);
            entries.addAll(jdbc.sql("""
                            SELECT c.id, c.entity, c.entity_id, c.op, c.payload, c.changed_at FROM change_log c
                            LEFT JOIN change_log_outcome o ON o.change_id = c.id
                            WHERE c.entity = ? AND o.change_id IS NULL AND c.entity_id IN (""" + SqlLists.placeholders(part.size())
                            + ") ORDER BY c.entity_id, c.id")
                    .params(params)
                    .query(ChangeLogRepository::mapChange)
                    .list());
        }
        return entries;
    }
}
