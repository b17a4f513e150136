package dev.jpsync.jobs.exportjob;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.RemoteIdMap.Mapping;

/**
 * What the database knew about a batch of records when their calls were decided: each local row's presence
 * and remote id, which local row a remote id belongs to, which posts without remote id still have pending
 * entries, and which records an earlier execution may have posted. Filled before the decision, read by it;
 * asking for something that was not filled is a bug, not an absent row.
 */
public final class KnownRemoteIds {

    private final Map<EntityKind, Map<Long, Mapping>> rows = new EnumMap<>(EntityKind.class);
    private final Map<EntityKind, Map<Long, Long>> owners = new EnumMap<>(EntityKind.class);
    private final Map<EntityKind, Set<Long>> ownersRead = new EnumMap<>(EntityKind.class);
    private final Set<Long> postsPending = new HashSet<>();
    private final Map<EntityKind, Set<Long>> createsSent = new EnumMap<>(EntityKind.class);

    public KnownRemoteIds rows(EntityKind kind, Map<Long, Mapping> mappings) {
        rows.computeIfAbsent(kind, k -> new HashMap<>()).putAll(mappings);
        return this;
    }

    /** @param localIdByRemoteId for each of {@code remoteIds} that a local row carries, that row's id */
    public KnownRemoteIds owners(EntityKind kind, Collection<Long> remoteIds, Map<Long, Long> localIdByRemoteId) {
        ownersRead.computeIfAbsent(kind, k -> new HashSet<>()).addAll(remoteIds);
        owners.computeIfAbsent(kind, k -> new HashMap<>()).putAll(localIdByRemoteId);
        return this;
    }

    public KnownRemoteIds postsPending(Collection<Long> localPostIds) {
        postsPending.addAll(localPostIds);
        return this;
    }

    public KnownRemoteIds createsSent(EntityKind kind, Collection<Long> localIds) {
        createsSent.computeIfAbsent(kind, k -> new HashSet<>()).addAll(localIds);
        return this;
    }

    Mapping row(EntityKind kind, long localId) {
        Mapping m = rows.getOrDefault(kind, Map.of()).get(localId);
        if (m == null) {
            throw new IllegalStateException(kind + " " + localId + " was not read before deciding");
        }
        return m;
    }

    /** The local row that carries this remote id, null when none does. */
    Long ownerOf(EntityKind kind, long remoteId) {
        if (!ownersRead.getOrDefault(kind, Set.of()).contains(remoteId)) {
            throw new IllegalStateException("the owner of remote " + kind + " " + remoteId + " was not read before deciding");
        }
        return owners.getOrDefault(kind, Map.of()).get(remoteId);
    }

    boolean isPending(long localPostId) {
        return postsPending.contains(localPostId);
    }

    boolean createMayHaveBeenSent(EntityKind kind, long localId) {
        return createsSent.getOrDefault(kind, Set.of()).contains(localId);
    }
}
