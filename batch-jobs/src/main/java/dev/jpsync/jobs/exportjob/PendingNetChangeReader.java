package dev.jpsync.jobs.exportjob;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.IdentityHashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.jpsync.domain.Change;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.ChangeWindow;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.NetChange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the window's entries that have no outcome yet, a page of whole records at a time, and hands out
 * one folded net change per record: all posts, then all comments. Keeps no restart state of its own:
 * entries whose outcome a committed call recorded are simply no longer pending, so a restart (or the next
 * run) reads what is left.
 * <p>
 * The next page is read (and folded) in the background while the current one is being sent: pages are
 * ranges of record ids, so the calls of one page never change which entries of the next one are pending.
 */
class PendingNetChangeReader implements ItemStreamReader<ExportItem> {

    private static final EntityKind[] ORDER = {EntityKind.POST, EntityKind.COMMENT};

    private final ChangeLogRepository changeLog;
    private final ChangeWindow window;
    private final int recordsPerPage;
    private final JsonMapper json;
    private final Deque<ExportItem> buffer = new ArrayDeque<>();
    private final Executor readAhead;
    private CompletableFuture<Page> next;

    /** One page of net changes, and where the page after it starts; {@code kind} past the end when none is left. */
    private record Page(List<ExportItem> changes, int kind, long afterEntityId) {

        boolean isLast() {
            return kind >= ORDER.length;
        }
    }

    PendingNetChangeReader(ChangeLogRepository changeLog, ChangeWindow window, int recordsPerPage,
                           JsonMapper json, Executor readAhead) {
        this.changeLog = changeLog;
        this.window = window;
        this.recordsPerPage = recordsPerPage;
        this.json = json;
        this.readAhead = readAhead;
    }

    @Override
    public ExportItem read() throws Exception {
        while (buffer.isEmpty()) {
            if (window.isEmpty()) {
                return null;
            }
            if (next == null) {
                next = CompletableFuture.completedFuture(fetch(0, Long.MIN_VALUE));
            }
            Page page = await(next);
            if (page.changes().isEmpty()) {
                return null;
            }
            buffer.addAll(page.changes());
            next = page.isLast() ? CompletableFuture.completedFuture(new Page(List.of(), ORDER.length, 0))
                    : CompletableFuture.supplyAsync(() -> fetch(page.kind(), page.afterEntityId()),
                            readAhead);
        }
        return buffer.poll();
    }

    /** The next non-empty page from (kind, after), or an empty last page. */
    private Page fetch(int kind, long afterEntityId) {
        while (kind < ORDER.length) {
            List<Change> entries = changeLog.findPendingRecords(ORDER[kind], window, afterEntityId, recordsPerPage);
            if (!entries.isEmpty()) {
                return new Page(fold(entries, json), kind, entries.get(entries.size() - 1).entityId());
            }
            kind++;
            afterEntityId = Long.MIN_VALUE;
        }
        return new Page(List.of(), kind, 0);
    }

    /** Folds the entries, each payload parsed once: for its remote id, and the latest one for the call. */
    static List<ExportItem> fold(List<Change> entries, JsonMapper json) {
        Map<String, JsonNode> parsed = new IdentityHashMap<>();
        List<NetChange> changes = NetChange.foldAll(entries, payload -> {
            JsonNode remoteId = parsed.computeIfAbsent(payload, json::readTree).get("remoteId");
            return remoteId == null || remoteId.isNull() ? null : remoteId.asLong();
        });
        return changes.stream().map(c -> new ExportItem(c, parsed.get(c.latestPayload()))).toList();
    }

    private static Page await(CompletableFuture<Page> page) throws Exception {
        try {
            return page.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        next = null;
        buffer.clear();
    }
}
