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

/** Comments in the database. Every write here is captured by the triggers unless capture is suppressed. */
@Repository
public class CommentRepository {

    /** JSONPlaceholder field name -> column, for filters and sorting. */
    public static final Map<String, String> FIELDS = Map.of(
            "id", "id", "postId", "post_id", "name", "name", "email", "email", "body", "body");

    private static final String COLUMNS = "id, post_id, name, email, body, remote_id";

    private final JdbcClient jdbc;
    private final ListingRows rows;

    public CommentRepository(JdbcClient jdbc, ListingRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    public Optional<Comment> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM comments WHERE id = ?").param(id)
                .query(CommentRepository::mapComment).optional();
    }

    /** Reads and locks the row until the transaction ends, for read-check-write sequences (If-Match). */
    public Optional<Comment> findByIdForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM comments WHERE id = ? FOR UPDATE").param(id)
                .query(CommentRepository::mapComment).optional();
    }

    /** Hands each comment the query selects to {@code each}, in order, as the database sends them. */
    public void forEach(ListQuery query, Consumer<? super Comment> each) {
        rows.forEach(ListingSql.select(COLUMNS, "comments", FIELDS, query), CommentRepository::mapComment, each);
    }

    /** How many comments match the query's filters, ignoring its slice. */
    public long count(ListQuery query) {
        ListingSql count = ListingSql.count("comments", FIELDS, query);
        return jdbc.sql(count.sql()).params(count.params()).query(Long.class).single();
    }

    /**
     * Inserts the comment if its post exists, in one statement so that no concurrent delete of the post can
     * slip in between a check and the insert. A null id takes the next AUTO_INCREMENT value.
     *
     * @return the comment with its id, empty when the post does not exist (nothing was written)
     */
    public Optional<Comment> insertIfPostExists(Comment comment) {
        KeyHolder keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                        INSERT INTO comments (id, post_id, name, email, body, remote_id)
                        SELECT ?, id, ?, ?, ?, ? FROM posts WHERE id = ?""")
                .params(comment.id(), comment.name(), comment.email(), comment.body(), comment.remoteId(),
                        comment.postId())
                .update(keys, "id");
        if (inserted == 0) {
            return Optional.empty();
        }
        return Optional.of(comment.id() != null ? comment : comment.withId(keys.getKey().longValue()));
    }

    /**
     * Sets postId, name, email and body of the comment with the record's id; false when there is no such
     * comment. A postId without a post fails with the foreign key's DataIntegrityViolationException.
     */
    public boolean update(Comment comment) {
        return jdbc.sql("UPDATE comments SET post_id = ?, name = ?, email = ?, body = ? WHERE id = ?")
                .params(comment.postId(), comment.name(), comment.email(), comment.body(), comment.id())
                .update() > 0;
    }

    public boolean deleteById(long id) {
        return jdbc.sql("DELETE FROM comments WHERE id = ?").param(id).update() > 0;
    }

    static Comment mapComment(ResultSet rs, int row) throws SQLException {
        return new Comment(rs.getLong("id"), rs.getLong("post_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("body"), rs.getObject("remote_id", Long.class));
    }
}
