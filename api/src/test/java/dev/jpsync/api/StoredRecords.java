package dev.jpsync.api;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import dev.jpsync.domain.Comment;
import dev.jpsync.domain.Post;

/**
 * Fixtures and checks in plain SQL, beside the API's JPA: what a test asserts about a write is read from the
 * tables, every column the export cares about included ({@code remote_id}), not from the code under test.
 * Inserts are captured by the triggers like any write.
 */
public final class StoredRecords {

    private final JdbcClient jdbc;

    public StoredRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the post; a null id takes the next AUTO_INCREMENT value. Returns it with its id. */
    public Post insert(Post post) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (?, ?, ?, ?, ?)")
                .params(post.id(), post.userId(), post.title(), post.body(), post.remoteId())
                .update(keys, "id");
        return post.id() != null ? post : post.withId(keys.getKey().longValue());
    }

    /** Inserts the comment; a null id takes the next AUTO_INCREMENT value. Returns it with its id. */
    public Comment insert(Comment comment) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO comments (id, post_id, name, email, body, remote_id) VALUES (?, ?, ?, ?, ?, ?)")
                .params(comment.id(), comment.postId(), comment.name(), comment.email(), comment.body(),
                        comment.remoteId())
                .update(keys, "id");
        return comment.id() != null ? comment : comment.withId(keys.getKey().longValue());
    }

    public Optional<Post> post(long id) {
        return jdbc.sql("SELECT id, user_id, title, body, remote_id FROM posts WHERE id = ?").param(id)
                .query((rs, row) -> new Post(rs.getLong("id"), rs.getLong("user_id"), rs.getString("title"),
                        rs.getString("body"), rs.getObject("remote_id", Long.class)))
                .optional();
    }

    public Optional<Comment> comment(long id) {
        return jdbc.sql("SELECT id, post_id, name, email, body, remote_id FROM comments WHERE id = ?").param(id)
                .query((rs, row) -> new Comment(rs.getLong("id"), rs.getLong("post_id"), rs.getString("name"),
                        rs.getString("email"), rs.getString("body"), rs.getObject("remote_id", Long.class)))
                .optional();
    }
}
