package dev.jpsync.jobs.verifyjob;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.SqlLists;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local side of a comparison, read for one chunk of remote records at a time (one query per
 * {@value SqlLists#BATCH} ids): records by remote id, in the remote's shape, and which of them have change-log entries
 * the next export will send.
 */
@Component
public class LocalRecords {

    /** A local record and its state in the remote's shape (a comment's postId is its post's remote id). */
    public record LocalRecord(long localId, Long remoteId, ObjectNode state) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LocalRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The local records mapped to these remote ids, by remote id. */
    public Map<Long, LocalRecord> byRemoteIds(EntityKind kind, Collection<Long> remoteIds) {
        Map<Long, LocalRecord> found = new HashMap<>();
        for (List<Long> part : partition(remoteIds)) {
            jdbc.sql(select(kind) + " WHERE " + alias(kind) + ".remote_id IN (" + placeholders(part.size()) + ")")
                    .params(new ArrayList<Object>(part))
                    .query((RowCallbackHandler) rs -> {
                        LocalRecord record = map(kind, rs);
                        found.put(record.remoteId(), record);
                    });
        }
        return found;
    }

    /** The local record with this id, if it exists. */
    public java.util.Optional<LocalRecord> byLocalId(EntityKind kind, long localId) {
        List<LocalRecord> found = new ArrayList<>();
        jdbc.sql(select(kind) + " WHERE " + alias(kind) + ".id = ?").param(localId)
                .query((RowCallbackHandler) rs -> found.add(map(kind, rs)));
        return found.stream().findFirst();
    }

    /** Which of these local records have change-log entries (not exported yet). */
    public Set<Long> withPendingChanges(EntityKind kind, Collection<Long> localIds) {
        Set<Long> pending = new HashSet<>();
        for (List<Long> part : partition(localIds)) {
            pending.addAll(jdbc.sql("SELECT DISTINCT entity_id FROM change_log WHERE entity = ? AND entity_id IN ("
                            + placeholders(part.size()) + ")")
                    .params(params(kind, part)).query(Long.class).list());
        }
        return pending;
    }

    /** Which of these remote ids belong to records deleted here whose deletion the next export will send. */
    public Set<Long> withPendingDeletion(EntityKind kind, Collection<Long> remoteIds) {
        Set<Long> pending = new HashSet<>();
        for (List<Long> part : partition(remoteIds)) {
            pending.addAll(jdbc.sql("SELECT DISTINCT JSON_EXTRACT(payload, '$.remoteId') FROM change_log "
                            + "WHERE entity = ? AND op = 'DELETE' AND JSON_EXTRACT(payload, '$.remoteId') IN ("
                            + placeholders(part.size()) + ")")
                    .params(params(kind, part)).query(Long.class).list());
        }
        return pending;
    }

    private static String select(EntityKind kind) {
        return switch (kind) {
            case POST -> "SELECT p.id, p.remote_id, p.user_id, p.title, p.body FROM posts p";
            case COMMENT -> """
                    SELECT c.id, c.remote_id, p.remote_id AS post_remote_id, c.name, c.email, c.body
                    FROM comments c JOIN posts p ON p.id = c.post_id""";
        };
    }

    private static String alias(EntityKind kind) {
        return kind == EntityKind.POST ? "p" : "c";
    }

    private LocalRecord map(EntityKind kind, java.sql.ResultSet rs) throws java.sql.SQLException {
        ObjectNode state = json.createObjectNode();
        if (kind == EntityKind.POST) {
            state.put("userId", rs.getLong("user_id"));
            state.put("title", rs.getString("title"));
        } else {
            long postRemoteId = rs.getLong("post_remote_id");
            if (rs.wasNull()) {
                state.putNull("postId");
            } else {
                state.put("postId", postRemoteId);
            }
            state.put("name", rs.getString("name"));
            state.put("email", rs.getString("email"));
        }
        state.put("body", rs.getString("body"));
        long remoteId = rs.getLong("remote_id");
        return new LocalRecord(rs.getLong("id"), rs.wasNull() ? null : remoteId, state);
    }

    private static List<Object> params(EntityKind kind, List<Long> ids) {
        List<Object> params = new ArrayList<>(ids.size() + 1);
        params.add(kind.name());
        params.addAll(ids);
        return params;
    }

    private static String placeholders(int n) {
        return SqlLists.placeholders(n);
    }

    private static List<List<Long>> partition(Collection<Long> ids) {
        return SqlLists.partition(List.copyOf(new java.util.LinkedHashSet<>(ids)));
    }
}
