package dev.jpsync.jobs.importjob;

import java.util.Arrays;
import java.util.function.LongConsumer;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.jpsync.domain.EntityKind;

/**
 * The remote ids of the posts known here when the comments step starts (after the posts step committed), so
 * that a comment whose post does not exist is refused without a query per comment. Eight bytes per post.
 * A post deleted here whose deletion is not exported yet counts as known: its comments are not invalid, they
 * are local work that the writer keeps out.
 */
final class KnownPostIds {

    private final long[] sorted;

    private KnownPostIds(long[] sorted) {
        this.sorted = sorted;
    }

    static KnownPostIds load(JdbcTemplate jdbc) {
        long[][] ids = {new long[1024]};
        int[] size = {0};
        LongConsumer add = id -> {
            if (size[0] == ids[0].length) {
                ids[0] = Arrays.copyOf(ids[0], ids[0].length * 2);
            }
            ids[0][size[0]++] = id;
        };
        jdbc.query("SELECT remote_id FROM posts WHERE remote_id IS NOT NULL", PendingDeletions.numbers(add));
        PendingDeletions.remoteIds(jdbc, EntityKind.POST, add);
        long[] known = Arrays.copyOf(ids[0], size[0]);
        Arrays.sort(known);
        return new KnownPostIds(known);
    }

    boolean contains(long postRemoteId) {
        return Arrays.binarySearch(sorted, postRemoteId) >= 0;
    }
}
