package dev.jpsync.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Comments listed the json-server way (filters, sort, slices) in SQL. Single records are read and written
 * through JPA in the api module; the jobs' bulk paths are their own JDBC.
 */
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

    /** Hands each comment the query selects to {@code each}, in order, as the database sends them. */
    public void forEach(ListQuery query, Consumer<? super Comment> each) {
        rows.forEach(ListingSql.select(COLUMNS, "comments", FIELDS, query), CommentRepository::mapComment, each);
    }

    /** How many comments match the query's filters, ignoring its slice. */
    public long count(ListQuery query) {
        ListingSql count = ListingSql.count("comments", FIELDS, query);
        return jdbc.sql(count.sql()).params(count.params()).query(Long.class).single();
    }

    static Comment mapComment(ResultSet rs, int row) throws SQLException {
        return new Comment(rs.getLong("id"), rs.getLong("post_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("body"), rs.getObject("remote_id", Long.class));
    }
}
