package dev.jpsync.jobs.importjob;

import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.EntityKind;

/**
 * Inserts or refreshes a chunk of upstream posts, matched by {@code remote_id}, with change capture off (what
 * came from the remote must not travel back to it), never overwriting local work (see {@link GuardedUpsert}).
 */
public class PostUpsertWriter implements ItemWriter<UpstreamPost> {

    static final GuardedUpsert.Statements SQL = new GuardedUpsert.Statements(
            """
            CREATE TEMPORARY TABLE IF NOT EXISTS import_post_stage (
                item INT NOT NULL PRIMARY KEY, remote_id BIGINT NOT NULL, user_id BIGINT NOT NULL,
                title VARCHAR(255) NOT NULL, body VARCHAR(10000) NOT NULL, local_id BIGINT NULL, action CHAR(1) NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin""",
            "DELETE FROM import_post_stage",
            "INSERT INTO import_post_stage (item, remote_id, user_id, title, body) VALUES (?, ?, ?, ?, ?)",
            "SELECT p.id FROM import_post_stage s STRAIGHT_JOIN posts p ON p.remote_id = s.remote_id FOR UPDATE",
            """
            UPDATE import_post_stage s
                LEFT JOIN posts m ON m.remote_id = s.remote_id
                LEFT JOIN posts t ON t.id = s.remote_id
            SET s.local_id = COALESCE(m.id, s.remote_id),
                s.action = CASE WHEN m.id IS NULL AND %s THEN 'K'
                                WHEN m.id IS NULL AND t.id IS NOT NULL THEN 'R'
                                WHEN %s THEN 'K'
                                ELSE 'W' END""".formatted(GuardedUpsert.deletedHere(EntityKind.POST, "s.remote_id"),
                    GuardedUpsert.localWork(EntityKind.POST, "COALESCE(m.id, s.remote_id)")),
            """
            INSERT INTO posts (id, user_id, title, body, remote_id)
            SELECT s.local_id, s.user_id, s.title, s.body, s.remote_id FROM import_post_stage s WHERE s.action = 'W' ORDER BY s.item
            ON DUPLICATE KEY UPDATE
                user_id = IF(posts.remote_id <=> VALUES(remote_id), VALUES(user_id), posts.user_id),
                title = IF(posts.remote_id <=> VALUES(remote_id), VALUES(title), posts.title),
                body = IF(posts.remote_id <=> VALUES(remote_id), VALUES(body), posts.body)""",
            "SELECT item, action FROM import_post_stage WHERE action IN ('K', 'R') ORDER BY item",
            """
            INSERT INTO posts (user_id, title, body, remote_id) VALUES (?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), title = VALUES(title), body = VALUES(body)""");

    private final GuardedUpsert<UpstreamPost> upsert;

    PostUpsertWriter(JdbcTemplate jdbc, CaptureSuppression capture, PlatformTransactionManager transactionManager,
                     ChunkParts parts) {
        this.upsert = new GuardedUpsert<>(jdbc, capture, transactionManager, parts, SQL, UpstreamPost::remoteId,
                (ps, first, post) -> {
                    ps.setLong(first, post.remoteId());
                    ps.setLong(first + 1, post.userId());
                    ps.setString(first + 2, post.title());
                    ps.setString(first + 3, post.body());
                },
                (ps, first, post) -> {
                    ps.setLong(first, post.userId());
                    ps.setString(first + 1, post.title());
                    ps.setString(first + 2, post.body());
                    ps.setLong(first + 3, post.remoteId());
                });
    }

    @Override
    public void write(Chunk<? extends UpstreamPost> chunk) {
        GuardedUpsert.Outcome<UpstreamPost> outcome = upsert.write(chunk.getItems());
        KeptLocal.add(outcome.kept());
        Relocations.defer(outcome.relocations());
    }

    /** The step's last part: the records whose upstream id is taken here, under new ids (see {@link Relocations}). */
    void relocate(List<UpstreamPost> items) {
        upsert.relocate(items);
    }
}
