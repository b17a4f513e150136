package dev.jpsync.jobs.importjob;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.EntityKind;

/**
 * Inserts or refreshes a chunk of upstream posts, matched by {@code remote_id}, with change capture off (what
 * came from the remote must not travel back to it), never overwriting local work (see {@link GuardedUpsert}).
 */
public class PostUpsertWriter {

    static final GuardedUpsert.Statements SQL = new GuardedUpsert.Statements(EntityKind.POST, "posts", null,
            List.of("id", "remote_id", "user_id", "title", "body"),
            """
            INSERT INTO posts (user_id, title, body, remote_id) VALUES (?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), title = VALUES(title), body = VALUES(body)""");

    private final GuardedUpsert<UpstreamPost> upsert;

    PostUpsertWriter(JdbcTemplate jdbc, BulkInsert bulk, CaptureSuppression capture, PlatformTransactionManager transactionManager,
                     ChunkParts parts) {
        this.upsert = new GuardedUpsert<>(jdbc, bulk, capture, transactionManager, parts, SQL, UpstreamPost::remoteId,
                post -> null,
                (post, localId, noParent) -> new Object[] {localId, post.remoteId(), post.userId(), post.title(), post.body()},
                (ps, first, post) -> {
                    ps.setLong(first, post.userId());
                    ps.setString(first + 1, post.title());
                    ps.setString(first + 2, post.body());
                    ps.setLong(first + 3, post.remoteId());
                });
    }

    /** Writes a chunk's records; says what local work kept out and what is left to relocate (any thread). */
    GuardedUpsert.Outcome<UpstreamPost> write(List<UpstreamPost> items) {
        return upsert.write(items);
    }

    /** The step's last part: the records whose upstream id is taken here, under new ids (see {@link Relocations}). */
    void relocate(List<UpstreamPost> items) {
        upsert.relocate(items);
    }
}
