package dev.jpsync.jobs.exportjob;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.ExportRecordState;
import dev.jpsync.domain.NetChange;
import dev.jpsync.domain.RemoteIdMap;

/**
 * Reads what {@link ExportDecision} needs to know about a batch of net changes, in a few queries per batch:
 * each row's presence and remote id, which row carries a remote id the entries knew (only where the decision
 * asks), which records an earlier execution may have posted, and for comments their posts' mappings and
 * whether those posts still have pending entries.
 */
@Component
public class KnownRemoteIdsReader {

    private final RemoteIdMap remoteIds;
    private final ChangeLogRepository changeLog;
    private final ExportRecordState recordState;

    public KnownRemoteIdsReader(RemoteIdMap remoteIds, ChangeLogRepository changeLog, ExportRecordState recordState) {
        this.remoteIds = remoteIds;
        this.changeLog = changeLog;
        this.recordState = recordState;
    }

    /** Everything the decision needs for these records (all of one kind), in a few queries. */
    public KnownRemoteIds read(List<ExportItem> items) {
        EntityKind kind = items.get(0).change().entity();
        List<Long> ids = items.stream().map(i -> i.change().entityId()).toList();
        KnownRemoteIds known = new KnownRemoteIds().rows(kind, remoteIds.lookupAll(kind, ids));
        List<Long> owned = items.stream().map(ExportItem::change)
                .filter(c -> ExportDecision.needsOwnerOfKnownRemoteId(c, known.row(kind, c.entityId())))
                .map(NetChange::knownRemoteId).toList();
        if (!owned.isEmpty()) {
            known.owners(kind, owned, remoteIds.localIdsOf(kind, owned));
        }
        List<Long> creates = items.stream().map(ExportItem::change)
                .filter(c -> c.action() != NetChange.Action.DELETE && c.action() != NetChange.Action.NONE
                        && known.row(kind, c.entityId()).remoteId() == null)
                .map(NetChange::entityId).toList();
        if (!creates.isEmpty()) {
            known.createsSent(kind, recordState.createsSent(kind, creates));
        }
        if (kind == EntityKind.COMMENT) {
            List<Long> postIds = items.stream()
                    .filter(i -> i.change().action() != NetChange.Action.DELETE && i.change().action() != NetChange.Action.NONE)
                    .map(i -> i.state().get("postId").asLong()).toList();
            known.rows(EntityKind.POST, remoteIds.lookupAll(EntityKind.POST, postIds));
            List<Long> postsWithoutRemoteId = postIds.stream()
                    .filter(id -> known.row(EntityKind.POST, id).exists() && known.row(EntityKind.POST, id).remoteId() == null)
                    .toList();
            if (!postsWithoutRemoteId.isEmpty()) {
                known.postsPending(changeLog.withPendingEntries(EntityKind.POST, postsWithoutRemoteId));
            }
        }
        return known;
    }
}
