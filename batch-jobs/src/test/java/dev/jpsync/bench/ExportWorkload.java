package dev.jpsync.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.Change;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.NetChange;
import dev.jpsync.jobs.exportjob.InMemoryRemote;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export benchmarks' workload, written afresh before each export run: 4,000 records, 20,000 change-log
 * entries. 1,000 imported posts updated 4 times (PUT), 500 imported posts updated 3 times and deleted (DELETE),
 * 1,500 new posts created and updated 4 times (POST), 500 new posts created, updated 3 times and deleted (nothing),
 * 500 imported comments updated 8 times (PUT).
 */
final class ExportWorkload {

    /** What the export must do with the workload: one HTTP call per net change that needs one. */
    record Expected(int entries, int net, Map<NetChange.Action, Long> byAction) {

        long needingACall() {
            return net - byAction.getOrDefault(NetChange.Action.NONE, 0L);
        }
    }

    private ExportWorkload() {
    }

    /** Empties the synced tables and the remote, writes the workload and folds it as the export will. */
    static Expected write(JdbcTemplate jdbc, CaptureSuppression capture, ChangeLogRepository changeLog,
                          InMemoryRemote remote) {
        capture.run(() -> {
            for (String table : List.of("comments", "posts", "change_log_outcome", "change_log", "change_log_archive",
                    "sync_failure")) {
                jdbc.update("DELETE FROM " + table);
            }
        });
        remote.posts().clear();
        remote.comments().clear();
        writeChanges(jdbc, capture, remote);
        List<Change> log = changeLog.findAll();
        JsonMapper json = JsonMapper.builder().build();
        List<NetChange> net = NetChange.foldAll(log, p -> {
            var r = json.readTree(p).get("remoteId");
            return r == null || r.isNull() ? null : r.asLong();
        });
        Map<NetChange.Action, Long> byAction = new EnumMap<>(NetChange.Action.class);
        net.forEach(n -> byAction.merge(n.action(), 1L, Long::sum));
        return new Expected(log.size(), net.size(), byAction);
    }

    private static List<Object[]> rows(long from, long to, LongFunction<Object[]> row) {
        List<Object[]> rows = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            rows.add(row.apply(i));
        }
        return rows;
    }

    private static void writeChanges(JdbcTemplate jdbc, CaptureSuppression capture, InMemoryRemote remote) {
        capture.run(() -> {
            jdbc.batchUpdate("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (?, ?, ?, 'imported', ?)",
                    rows(1, 1500, i -> new Object[] {i, 1 + i % 10, "post " + i, i}));
            jdbc.batchUpdate("INSERT INTO comments (id, post_id, name, email, body, remote_id) "
                    + "VALUES (?, ?, ?, 'c@example.com', 'imported', ?)", rows(1, 500, i -> new Object[] {i, i, "comment " + i, i}));
        });
        JsonMapper json = JsonMapper.builder().build();
        for (long id = 1; id <= 1500; id++) {
            remote.posts().put(id, json.createObjectNode().put("id", id));
        }
        for (long id = 1; id <= 500; id++) {
            remote.comments().put(id, json.createObjectNode().put("id", id));
        }
        for (int round = 1; round <= 4; round++) {
            jdbc.update("UPDATE posts SET title = CONCAT('post ', id, ' v', ?) WHERE id <= 1000", round);
        }
        for (int round = 1; round <= 3; round++) {
            jdbc.update("UPDATE posts SET title = CONCAT('post ', id, ' v', ?) WHERE id > 1000 AND id <= 1500", round);
        }
        jdbc.update("DELETE FROM posts WHERE id > 1000 AND id <= 1500");
        jdbc.batchUpdate("INSERT INTO posts (id, user_id, title, body) VALUES (?, ?, ?, 'created here')",
                rows(10001, 12000, i -> new Object[] {i, 1 + i % 10, "new " + i}));
        for (int round = 1; round <= 3; round++) {
            jdbc.update("UPDATE posts SET body = CONCAT('created here v', ?) WHERE id > 10000", round);
        }
        jdbc.update("UPDATE posts SET body = 'created here v4' WHERE id > 10000 AND id <= 11500");
        jdbc.update("DELETE FROM posts WHERE id > 11500");
        for (int round = 1; round <= 8; round++) {
            jdbc.update("UPDATE comments SET body = CONCAT('edited v', ?) WHERE id <= 500", round);
        }
    }
}
