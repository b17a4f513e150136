package dev.jpsync.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.SplittableRandom;

import dev.jpsync.testsupport.MigratedSchema;
import dev.jpsync.testsupport.TestDatabase;

/**
 * What change capture costs: single-row UPDATEs of posts through JDBC (autocommit, as an API request does
 * them) with the triggers logging each one, against the same statements with {@code @sync_capture_off = 1},
 * in alternating blocks on one connection of one database, so both sides see the same server state. The
 * measurement repeats in rounds ({@code -Dbench.rounds}, default 5) and reports each round's cost, their
 * median and spread. Run it with {@code bench/capture-cost.sh}.
 */
public final class CaptureCostBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000);
        int blockSize = Integer.getInteger("bench.block", 100);
        int blocks = Integer.getInteger("bench.blocks", 60);
        int rounds = Integer.getInteger("bench.rounds", 5);

        try (MigratedSchema db = MigratedSchema.create("bench_capture", 2);
             Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement()) {
            System.out.printf("database: %s%n", TestDatabase.kind());
            for (String sql : System.getProperty("bench.setup", "").split(";;")) {
                if (!sql.isBlank()) { // for experiments, e.g. -Dbench.setup="SET GLOBAL innodb_flush_log_at_trx_commit=2"
                    st.execute(sql);
                    System.out.println("setup: " + sql);
                }
            }
            st.execute("SET @sync_capture_off = 1");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO posts (id, user_id, title, body) VALUES (?, ?, ?, ?)")) {
                for (int id = 1; id <= rows; id++) {
                    insert.setLong(1, id);
                    insert.setLong(2, 1 + id % 10);
                    insert.setString(3, "title " + id);
                    insert.setString(4, "body of post " + id + " ".repeat(100));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            st.execute("SET @sync_capture_off = NULL");

            SplittableRandom random = new SplittableRandom(42);
            long[] sequence = {0};
            // warm-up, both ways
            timeBlock(c, st, true, blockSize * 2, rows, random, sequence);
            timeBlock(c, st, false, blockSize * 2, rows, random, sequence);

            long perSide = (long) blocks * blockSize;
            System.out.printf("single-row UPDATEs through JDBC, autocommit: %d rounds of %,d per side in %d alternating"
                    + " blocks of %d (ABBA)%n", rounds, perSide, blocks * 2, blockSize);
            CostRounds costs = new CostRounds("rows/s");
            for (int round = 1; round <= rounds; round++) {
                clearChangeLog(st); // every round starts from the same log, as after an export
                // Short blocks in ABBA order: the disk's and the machine's speed drift over seconds, and
                // interleaving finely lets both sides see the same drift.
                long capturedNanos = 0;
                long suppressedNanos = 0;
                for (int block = 0; block < blocks; block++) {
                    boolean captureFirst = block % 2 == 0;
                    long first = timeBlock(c, st, captureFirst, blockSize, rows, random, sequence);
                    long second = timeBlock(c, st, !captureFirst, blockSize, rows, random, sequence);
                    capturedNanos += captureFirst ? first : second;
                    suppressedNanos += captureFirst ? second : first;
                }
                long logged = count(st, "SELECT COUNT(*) FROM change_log");
                if (logged != perSide) { // each captured UPDATE changes the title: one entry each, none from the other side
                    throw new IllegalStateException("round " + round + " logged " + logged + " changes for " + perSide
                            + " captured updates");
                }
                System.out.println(costs.add(perSide / (capturedNanos / 1e9), perSide / (suppressedNanos / 1e9)));
            }
            System.out.println(costs.summary(15));
            System.out.println("(with capture: the triggers log each row; without: the same statements with"
                    + " @sync_capture_off = 1; each round's captured updates logged exactly one change_log row each)");
        }
        System.exit(0);
    }

    private static long timeBlock(Connection c, Statement st, boolean capture, int updates, int rows,
                                  SplittableRandom random, long[] sequence) throws Exception {
        st.execute(capture ? "SET @sync_capture_off = NULL" : "SET @sync_capture_off = 1");
        try (PreparedStatement update = c.prepareStatement("UPDATE posts SET title = ? WHERE id = ?")) {
            long start = System.nanoTime();
            for (int i = 0; i < updates; i++) {
                update.setString(1, "title v" + (++sequence[0]));
                update.setLong(2, 1 + random.nextInt(rows));
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("an update hit no row");
                }
            }
            return System.nanoTime() - start;
        } finally {
            st.execute("SET @sync_capture_off = NULL");
        }
    }

    private static void clearChangeLog(Statement st) throws Exception {
        st.execute("DELETE FROM change_log");
    }

    private static long count(Statement st, String sql) throws Exception {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
