package dev.jpsync.jobs.importjob;

import java.util.Arrays;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ids of the posts in the database when the comments step starts (after the posts step committed), so
 * that a comment whose post does not exist is refused without a query per comment. Eight bytes per post.
 */
final class KnownPostIds {

    private final long[] sorted;

    private KnownPostIds(long[] sorted) {
        this.sorted = sorted;
    }

    static KnownPostIds load(JdbcTemplate jdbc) {
        long[][] ids = {new long[1024]};
        int[] size = {0};
        jdbc.query("SELECT id FROM posts ORDER BY id", rs -> {
            if (size[0] == ids[0].length) {
                ids[0] = Arrays.copyOf(ids[0], ids[0].length * 2);
            }
            ids[0][size[0]++] = rs.getLong(1);
        });
        return new KnownPostIds(Arrays.copyOf(ids[0], size[0]));
    }

    boolean contains(long postId) {
        return Arrays.binarySearch(sorted, postId) >= 0;
    }
}
