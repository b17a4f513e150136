package dev.jpsync.jobs.importjob;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.Comment;

/** Inserts or refreshes a chunk of comments in one JDBC batch, with change capture off (see {@link PostUpsertWriter}). */
public class CommentUpsertWriter implements ItemWriter<Comment> {

    static final String UPSERT = """
            INSERT INTO comments (id, post_id, name, email, body, remote_id) VALUES (?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE post_id = VALUES(post_id), name = VALUES(name), email = VALUES(email),
                                    body = VALUES(body), remote_id = VALUES(remote_id)""";

    private final JdbcTemplate jdbc;
    private final CaptureSuppression capture;
    private final ChunkParts parts;

    CommentUpsertWriter(JdbcTemplate jdbc, CaptureSuppression capture, ChunkParts parts) {
        this.jdbc = jdbc;
        this.capture = capture;
        this.parts = parts;
    }

    @Override
    public void write(Chunk<? extends Comment> chunk) {
        // each part: its own transaction (CaptureSuppression opens one), capture off on its connection
        parts.write(chunk.getItems(), Comment::id, part -> capture.run(() -> jdbc.batchUpdate(UPSERT, part, part.size(), (ps, comment) -> {
            ps.setLong(1, comment.id());
            ps.setLong(2, comment.postId());
            ps.setString(3, comment.name());
            ps.setString(4, comment.email());
            ps.setString(5, comment.body());
            ps.setLong(6, comment.remoteId());
        })));
    }
}
