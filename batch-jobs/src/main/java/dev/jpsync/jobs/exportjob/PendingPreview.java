package dev.jpsync.jobs.exportjob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.jpsync.domain.Change;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.RemoteIdMap;
import dev.jpsync.domain.SqlLists;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the next export would send, a page of records at a time: the pending change-log entries (those without
 * an export outcome) of each record folded by the export's own fold ({@link NetChange#fold}, with the export's
 * reading of remote ids), and the call {@link ExportCallPreview} says it makes. Records in the export's order:
 * posts, then comments, each by local id. Reads only.
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
    private final RemoteIdMap remoteIds;
    private final PayloadRemoteId remoteIdOfPayload;

    public PendingPreview(JdbcClient jdbc, RemoteIdMap remoteIds, JsonMapper json) {
        this.jdbc = jdbc;
        this.remoteIds = remoteIds;
        this.remoteIdOfPayload = new PayloadRemoteId(json);
    }

    /** @param kind only this kind, or null for both */
    public Page page(EntityKind kind, int offset, int limit) {
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
        List<NetChange> changes = NetChange.foldAll(entries, remoteIdOfPayload);
        Map<Long, Instant> changedAt = new java.util.HashMap<>();
        entries.forEach(e -> changedAt.put(e.id(), e.changedAt()));
        return new Page(calls(changes, changedAt), total);
    }

    private List<PendingChange> calls(List<NetChange> changes, Map<Long, Instant> changedAt) {
        Map<Long, RemoteIdMap.Mapping> posts = remoteIds.lookupAll(EntityKind.POST, changes.stream()
                .filter(c -> c.entity() == EntityKind.POST).map(NetChange::entityId).toList());
        Map<Long, RemoteIdMap.Mapping> comments = remoteIds.lookupAll(EntityKind.COMMENT, changes.stream()
                .filter(c -> c.entity() == EntityKind.COMMENT).map(NetChange::entityId).toList());
        Map<Long, Long> postOfComment = new java.util.HashMap<>();
        List<Long> commentIds = new ArrayList<>(comments.keySet());
        for (List<Long> part : SqlLists.partition(commentIds)) {
            jdbc.sql("SELECT id, post_id FROM comments WHERE id IN (" + SqlLists.placeholders(part.size()) + ")")
                    .params(new ArrayList<Object>(part))
                    .query((rs, row) -> postOfComment.put(rs.getLong(1), rs.getLong(2))).list();
        }
        Map<Long, RemoteIdMap.Mapping> postsOfComments = remoteIds.lookupAll(EntityKind.POST, postOfComment.values());
        Set<Long> postsCreatedFirst = postsWithPendingCreate(postsOfComments.keySet());
        List<PendingChange> result = new ArrayList<>();
        Instant now = Instant.now();
        for (NetChange change : changes) {
            RemoteIdMap.Mapping row = (change.entity() == EntityKind.POST ? posts : comments).get(change.entityId());
            Long postId = postOfComment.get(change.entityId());
            RemoteIdMap.Mapping post = change.entity() == EntityKind.POST ? null
                    : postId == null ? RemoteIdMap.Mapping.ABSENT : postsOfComments.get(postId);
            ExportCallPreview.Call call = ExportCallPreview.callFor(change, row, post,
                    postId != null && postsCreatedFirst.contains(postId));
            Instant oldest = change.changeIds().stream().map(changedAt::get).min(Comparator.naturalOrder()).orElse(now);
            result.add(new PendingChange(change.entity(), change.entityId(), change.action(), call.method(), call.path(),
                    call.note(), change.changeIds().size(), oldest,
                    Math.max(0, Duration.between(oldest, now).toSeconds()), change.changeIds()));
        }
        return result;
    }

    /** Of these posts, those whose own pending entries fold into a CREATE (their POST goes first). */
    private Set<Long> postsWithPendingCreate(Set<Long> postIds) {
        Set<Long> created = new HashSet<>();
        for (NetChange post : NetChange.foldAll(pendingEntries(EntityKind.POST, List.copyOf(postIds)), remoteIdOfPayload)) {
            if (post.action() == NetChange.Action.CREATE) {
                created.add(post.entityId());
            }
        }
        return created;
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
