package dev.jpsync.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Posts listed the json-server way (filters, sort, slices) in SQL. Single records are read and written
 * through JPA in the api module; the jobs' bulk paths are their own JDBC.
 */
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

    /** Hands each post the query selects to {@code each}, in order, as the database sends them. */
    public void forEach(ListQuery query, Consumer<? super Post> each) {
        rows.forEach(ListingSql.select(COLUMNS, "posts", FIELDS, query), PostRepository::mapPost, each);
    }

    /** How many posts match the query's filters, ignoring its slice. */
    public long count(ListQuery query) {
        ListingSql count = ListingSql.count("posts", FIELDS, query);
        return jdbc.sql(count.sql()).params(count.params()).query(Long.class).single();
    }

    static Post mapPost(ResultSet rs, int row) throws SQLException {
        return new Post(rs.getLong("id"), rs.getLong("user_id"), rs.getString("title"), rs.getString("body"),
                rs.getObject("remote_id", Long.class));
    }
}
