package dev.jpsync.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Posts in the database. Every write here is captured by the triggers unless capture is suppressed. */
@Repository
public class PostRepository {

    /** JSONPlaceholder field name -> column, for filters and sorting. */
    public static final Map<String, String> FIELDS = Map.of(
            "id", "id", "userId", "user_id", "title", "title", "body", "body");

    private static final String COLUMNS = "id, user_id, title, body, remote_id";

    private final JdbcClient jdbc;
    private final ListingRows rows;

    public PostRepository(JdbcClient jdbc, ListingRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    public Optional<Post> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM posts WHERE id = ?").param(id)
                .query(PostRepository::mapPost).optional();
    }

    /** Reads and locks the row until the transaction ends, for read-check-write sequences (If-Match). */
    public Optional<Post> findByIdForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM posts WHERE id = ? FOR UPDATE").param(id)
                .query(PostRepository::mapPost).optional();
    }

    public boolean existsById(long id) {
        return jdbc.sql("SELECT 1 FROM posts WHERE id = ?").param(id).query(Integer.class).optional().isPresent();
    }

    /** Hands each post the query selects to {@code each}, in order, as the database sends them. */
    public void forEach(ListQuery query, Consumer<? super Post> each) {
        rows.forEach(ListingSql.select(COLUMNS, "posts", FIELDS, query), PostRepository::mapPost, each);
    }

    /** How many posts match the query's filters, ignoring its slice. */
    public long count(ListQuery query) {
        ListingSql count = ListingSql.count("posts", FIELDS, query);
        return jdbc.sql(count.sql()).params(count.params()).query(Long.class).single();
    }

    /** Inserts the post; a null id takes the next AUTO_INCREMENT value. Returns it with its id. */
    public Post insert(Post post) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (?, ?, ?, ?, ?)")
                .params(post.id(), post.userId(), post.title(), post.body(), post.remoteId())
                .update(keys, "id");
        return post.id() != null ? post : post.withId(keys.getKey().longValue());
    }

    /** Sets userId, title and body of the post with the record's id; false when there is no such post. */
    public boolean update(Post post) {
        return jdbc.sql("UPDATE posts SET user_id = ?, title = ?, body = ? WHERE id = ?")
                .params(post.userId(), post.title(), post.body(), post.id())
                .update() > 0;
    }

    /** Deletes the post; the database deletes its comments first (and logs each). */
    public boolean deleteById(long id) {
        return jdbc.sql("DELETE FROM posts WHERE id = ?").param(id).update() > 0;
    }

    static Post mapPost(ResultSet rs, int row) throws SQLException {
        return new Post(rs.getLong("id"), rs.getLong("user_id"), rs.getString("title"), rs.getString("body"),
                rs.getObject("remote_id", Long.class));
    }
}
