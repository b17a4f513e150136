package dev.jpsync.jobs.exportjob;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ItemReader;

import dev.jpsync.domain.Change;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.ChangeWindow;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.NetChange;

/**
 * Reads the window's entries that have no outcome yet, a page of whole records at a time, and hands out
 * one folded net change per record: all posts, then all comments. Keeps no restart state of its own:
 * entries whose outcome a committed call recorded are simply no longer pending, so a restart (or the next
 * run) reads what is left.
 */
class PendingNetChangeReader implements ItemReader<NetChange> {

    private static final EntityKind[] ORDER = {EntityKind.POST, EntityKind.COMMENT};

    private final ChangeLogRepository changeLog;
    private final ChangeWindow window;
    private final int recordsPerPage;
    private final Function<String, Long> remoteIdOfPayload;
    private final Deque<NetChange> buffer = new ArrayDeque<>();
    private int kind = 0;
    private long afterEntityId = Long.MIN_VALUE;

    PendingNetChangeReader(ChangeLogRepository changeLog, ChangeWindow window, int recordsPerPage,
                           Function<String, Long> remoteIdOfPayload) {
        this.changeLog = changeLog;
        this.window = window;
        this.recordsPerPage = recordsPerPage;
        this.remoteIdOfPayload = remoteIdOfPayload;
    }

    @Override
    public NetChange read() {
        while (buffer.isEmpty()) {
            if (window.isEmpty() || kind >= ORDER.length) {
                return null;
            }
            List<Change> entries = changeLog.findPendingRecords(ORDER[kind], window, afterEntityId, recordsPerPage);
            if (entries.isEmpty()) {
                kind++;
                afterEntityId = Long.MIN_VALUE;
                continue;
            }
            buffer.addAll(NetChange.foldAll(entries, remoteIdOfPayload));
            afterEntityId = entries.get(entries.size() - 1).entityId();
        }
        return buffer.poll();
    }
}
