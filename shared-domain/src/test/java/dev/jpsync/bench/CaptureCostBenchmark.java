package dev.jpsync.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.jpsync.testsupport.MigratedSchema;
import dev.jpsync.testsupport.TestDatabase;

/**
 * What change capture costs: single-row UPDATEs of posts through JDBC (autocommit, as an API request does
 * them) with the triggers logging each one, against the same statements with {@code @sync_capture_off = 1},
 * in alternating rounds on one connection of one database, so both sides see the same server state.
 * Run it with {@code bench/capture-cost.sh}.
 */
public final class CaptureCostBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000);
        int updatesPerRound = Integer.getInteger("bench.updates", 2_000);
        int rounds = Integer.getInteger("bench.rounds", 8);

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
            runRound(c, st, true, updatesPerRound / 3, rows, random, sequence);
            runRound(c, st, false, updatesPerRound / 3, rows, random, sequence);

            List<Double> captured = new ArrayList<>();
            List<Double> suppressed = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double on = runRound(c, st, true, updatesPerRound, rows, random, sequence);
                double off = runRound(c, st, false, updatesPerRound, rows, random, sequence);
                captured.add(on);
                suppressed.add(off);
                ratios.add(on / off);
                System.out.printf("round %d: captured %,.0f rows/s, suppressed %,.0f rows/s%n", round, on, off);
            }
            long logged = count(st, "SELECT COUNT(*) FROM change_log");
            double on = median(captured);
            double off = median(suppressed);
            System.out.println("---");
            System.out.printf("single-row UPDATEs, %d per round, %d rounds, median of rounds%n", updatesPerRound, rounds);
            System.out.printf("with capture (triggers log each row): %,.0f rows/s%n", on);
            System.out.printf("capture suppressed:                   %,.0f rows/s%n", off);
            double ratio = median(ratios); // per-round pairs first: disk speed drifts between rounds
            System.out.printf("ratio captured/suppressed (median of the rounds' ratios): %.3f%n", ratio);
            System.out.printf("capture costs %.1f%% of write throughput (target <= 15%%)%n", 100 * (1 - ratio));
            System.out.printf("change_log rows written by the captured rounds: %,d%n", logged);
        }
        System.exit(0);
    }

    private static double runRound(Connection c, Statement st, boolean capture, int updates, int rows,
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
            long elapsed = System.nanoTime() - start;
            return updates / (elapsed / 1e9);
        } finally {
            st.execute("SET @sync_capture_off = NULL");
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
