package dev.jpsync.jobs.importjob;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.EntityKind;

/**
 * Inserts or refreshes a chunk of upstream comments like {@link PostUpsertWriter}; a comment's {@code postId}
 * (upstream's post id) becomes the local id of the post holding that remote id. A comment whose post is gone
 * here (deleted locally, the deletion not yet exported) is kept out, like any other local work.
 */
public class CommentUpsertWriter {

    static final GuardedUpsert.Statements SQL = new GuardedUpsert.Statements(EntityKind.COMMENT, "comments", "posts",
            List.of("id", "remote_id", "post_id", "name", "email", "body"),
            // rare (one per taken id), so one statement per row is fine here
            """
            INSERT INTO comments (post_id, name, email, body, remote_id)
            SELECT p.id, ?, ?, ?, ? FROM posts p WHERE p.remote_id = ?
            ON DUPLICATE KEY UPDATE post_id = VALUES(post_id), name = VALUES(name), email = VALUES(email),
                                    body = VALUES(body)""");

    private final GuardedUpsert<UpstreamComment> upsert;

    CommentUpsertWriter(JdbcTemplate jdbc, BulkInsert bulk, CaptureSuppression capture,
                        PlatformTransactionManager transactionManager, ChunkParts parts) {
        this.upsert = new GuardedUpsert<>(jdbc, bulk, capture, transactionManager, parts, SQL, UpstreamComment::remoteId,
                UpstreamComment::postRemoteId,
                (comment, localId, postId) -> new Object[] {localId, comment.remoteId(), postId, comment.name(),
                        comment.email(), comment.body()},
                (ps, first, comment) -> {
                    ps.setString(first, comment.name());
                    ps.setString(first + 1, comment.email());
                    ps.setString(first + 2, comment.body());
                    ps.setLong(first + 3, comment.remoteId());
                    ps.setLong(first + 4, comment.postRemoteId());
                });
    }

    /** Writes a chunk's records; says what local work kept out and what is left to relocate (any thread). */
    GuardedUpsert.Outcome<UpstreamComment> write(List<UpstreamComment> items) {
        return upsert.write(items);
    }

    /** The step's last part: the records whose upstream id is taken here, under new ids (see {@link Relocations}). */
    void relocate(List<UpstreamComment> items) {
        upsert.relocate(items);
    }
}
