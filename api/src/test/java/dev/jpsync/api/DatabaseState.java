package dev.jpsync.api;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fingerprint of everything a request could write: the rows of posts and comments (every synced column)
 * and the change log. Equal fingerprints before and after a refused request mean it wrote nothing.
 */
public record DatabaseState(String posts, String comments, String changeLog) {

    public static DatabaseState of(JdbcClient jdbc) {
        return new DatabaseState(
                jdbc.sql("""
                        SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', id, user_id, title, body,
                               COALESCE(remote_id, '-')))), 0)) FROM posts""").query(String.class).single(),
                jdbc.sql("""
                        SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', id, post_id, name, email, body,
                               COALESCE(remote_id, '-')))), 0)) FROM comments""").query(String.class).single(),
                jdbc.sql("SELECT CONCAT(COUNT(*), '/', COALESCE(MAX(id), 0)) FROM change_log")
                        .query(String.class).single());
    }
}
