package dev.jpsync.jobs.importjob;

import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.EntityKind;

/**
 * Inserts or refreshes a chunk of upstream comments like {@link PostUpsertWriter}; a comment's {@code postId}
 * (upstream's post id) becomes the local id of the post holding that remote id. A comment whose post is gone
 * here (deleted locally, the deletion not yet exported) is kept out, like any other local work.
 */
public class CommentUpsertWriter implements ItemWriter<UpstreamComment> {

    static final GuardedUpsert.Statements SQL = new GuardedUpsert.Statements(
            """
            CREATE TEMPORARY TABLE IF NOT EXISTS import_comment_stage (
                item INT NOT NULL PRIMARY KEY, remote_id BIGINT NOT NULL, post_remote_id BIGINT NOT NULL,
                name VARCHAR(255) NOT NULL, email VARCHAR(255) NOT NULL, body VARCHAR(10000) NOT NULL,
                post_id BIGINT NULL, local_id BIGINT NULL, action CHAR(1) NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin""",
            "DELETE FROM import_comment_stage",
            "INSERT INTO import_comment_stage (item, remote_id, post_remote_id, name, email, body) VALUES (?, ?, ?, ?, ?, ?)",
            "SELECT c.id FROM import_comment_stage s STRAIGHT_JOIN comments c ON c.remote_id = s.remote_id FOR UPDATE",
            """
            UPDATE import_comment_stage s
                LEFT JOIN posts p ON p.remote_id = s.post_remote_id
                LEFT JOIN comments m ON m.remote_id = s.remote_id
                LEFT JOIN comments t ON t.id = s.remote_id
            SET s.post_id = p.id,
                s.local_id = COALESCE(m.id, s.remote_id),
                s.action = CASE WHEN p.id IS NULL THEN 'K'
                                WHEN m.id IS NULL AND %s THEN 'K'
                                WHEN m.id IS NULL AND t.id IS NOT NULL THEN 'R'
                                WHEN %s THEN 'K'
                                ELSE 'W' END""".formatted(GuardedUpsert.deletedHere(EntityKind.COMMENT, "s.remote_id"),
                    GuardedUpsert.localWork(EntityKind.COMMENT, "COALESCE(m.id, s.remote_id)")),
            """
            INSERT INTO comments (id, post_id, name, email, body, remote_id)
            SELECT s.local_id, s.post_id, s.name, s.email, s.body, s.remote_id FROM import_comment_stage s
            WHERE s.action = 'W' ORDER BY s.item
            ON DUPLICATE KEY UPDATE
                post_id = IF(comments.remote_id <=> VALUES(remote_id), VALUES(post_id), comments.post_id),
                name = IF(comments.remote_id <=> VALUES(remote_id), VALUES(name), comments.name),
                email = IF(comments.remote_id <=> VALUES(remote_id), VALUES(email), comments.email),
                body = IF(comments.remote_id <=> VALUES(remote_id), VALUES(body), comments.body)""",
            "SELECT item, action FROM import_comment_stage WHERE action IN ('K', 'R') ORDER BY item",
            // rare (one per taken id), so one statement per row is fine here
            """
            INSERT INTO comments (post_id, name, email, body, remote_id)
            SELECT p.id, ?, ?, ?, ? FROM posts p WHERE p.remote_id = ?
            ON DUPLICATE KEY UPDATE post_id = VALUES(post_id), name = VALUES(name), email = VALUES(email),
                                    body = VALUES(body)""");

    private final GuardedUpsert<UpstreamComment> upsert;

    CommentUpsertWriter(JdbcTemplate jdbc, CaptureSuppression capture, PlatformTransactionManager transactionManager,
                        ChunkParts parts) {
        this.upsert = new GuardedUpsert<>(jdbc, capture, transactionManager, parts, SQL, UpstreamComment::remoteId,
                (ps, first, comment) -> {
                    ps.setLong(first, comment.remoteId());
                    ps.setLong(first + 1, comment.postRemoteId());
                    ps.setString(first + 2, comment.name());
                    ps.setString(first + 3, comment.email());
                    ps.setString(first + 4, comment.body());
                },
                (ps, first, comment) -> {
                    ps.setString(first, comment.name());
                    ps.setString(first + 1, comment.email());
                    ps.setString(first + 2, comment.body());
                    ps.setLong(first + 3, comment.remoteId());
                    ps.setLong(first + 4, comment.postRemoteId());
                });
    }

    @Override
    public void write(Chunk<? extends UpstreamComment> chunk) {
        GuardedUpsert.Outcome<UpstreamComment> outcome = upsert.write(chunk.getItems());
        KeptLocal.add(outcome.kept());
        Relocations.defer(outcome.relocations());
    }

    /** The step's last part: the records whose upstream id is taken here, under new ids (see {@link Relocations}). */
    void relocate(List<UpstreamComment> items) {
        upsert.relocate(items);
    }
}
