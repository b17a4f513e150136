package dev.jpsync.jobs.importjob;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.Post;

/**
 * Inserts or refreshes a chunk of posts in one JDBC batch (one multi-row statement, as the driver rewrites
 * batches), with change capture off: what came from the remote must not travel back to it.
 */
public class PostUpsertWriter implements ItemWriter<Post> {

    static final String UPSERT = """
            INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), title = VALUES(title), body = VALUES(body),
                                    remote_id = VALUES(remote_id)""";

    private final JdbcTemplate jdbc;
    private final CaptureSuppression capture;
    private final ChunkParts parts;

    PostUpsertWriter(JdbcTemplate jdbc, CaptureSuppression capture, ChunkParts parts) {
        this.jdbc = jdbc;
        this.capture = capture;
        this.parts = parts;
    }

    @Override
    public void write(Chunk<? extends Post> chunk) {
        // each part: its own transaction (CaptureSuppression opens one), capture off on its connection
        parts.write(chunk.getItems(), Post::id, part -> capture.run(() -> jdbc.batchUpdate(UPSERT, part, part.size(), (ps, post) -> {
            ps.setLong(1, post.id());
            ps.setLong(2, post.userId());
            ps.setString(3, post.title());
            ps.setString(4, post.body());
            ps.setLong(5, post.remoteId());
        })));
    }
}
