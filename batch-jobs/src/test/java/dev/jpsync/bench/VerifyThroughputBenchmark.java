package dev.jpsync.bench;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import dev.jpsync.embedded.EmbeddedMariaDb;

/**
 * bench/verify-throughput.sh: the verify job (drift report) over N posts and 5N comments with 256 MB of heap.
 * <ol>
 * <li>generates the records as {@link ImportThroughputBenchmark} does and serves them from a JDK HTTP server;</li>
 * <li>imports them ({@code jobs-exec.jar import}) into an empty schema of the embedded MariaDB;</li>
 * <li>changes one post in 1,000 on the "remote" side (a second copy of the posts array), so that the report has
 * rows to write;</li>
 * <li>runs {@code java -Xmx256m -jar jobs-exec.jar verify} against it and prints records compared per second
 * (from the job repository's step times) and the run's exit description.</li>
 * </ol>
 * Arguments: {@code <out-dir> <jobs-jar> [posts] [extra verify arguments...]}.
 */
public final class VerifyThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        Path jar = Path.of(args[1]).toAbsolutePath();
        int posts = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        List<String> extra = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        int comments = posts * 5;
        Files.createDirectories(out);
        ImportThroughputBenchmark.generate(out, posts, comments);
        // the remote's side after the import: every 1000th post's title changed behind our back
        String remotePosts = Files.readString(out.resolve("posts.json"))
                .replaceAll("(\"id\": \\d*000, \"title\": \")", "$1changed there ");
        Files.writeString(out.resolve("posts-changed.json"), remotePosts);

        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Path[] postsFile = {out.resolve("posts.json")};
        http.createContext("/posts", exchange -> serve(exchange, postsFile[0]));
        http.createContext("/comments", exchange -> serve(exchange, out.resolve("comments.json")));
        http.start();
        String baseUrl = "http://127.0.0.1:" + http.getAddress().getPort();
        int dbPort = ImportThroughputBenchmark.freePort();
        Path dataDir = out.resolve("mariadb-data");
        Path baseDir = out.resolve("mariadb-base");
        EmbeddedMariaDb db = ImportThroughputBenchmark.startPatiently(baseDir, dataDir, dbPort);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("mysql"), EmbeddedMariaDb.username(), db.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS bench_verify");
        }
        try {
            List<String> common = List.of("--sync.remote.base-url=" + baseUrl, "--sync.embedded-db.port=" + dbPort,
                    "--sync.embedded-db.data-dir=" + dataDir, "--sync.embedded-db.base-dir=" + baseDir,
                    "--sync.embedded-db.schema=bench_verify");
            run(out, jar, "import", common, List.of("--sync.import.chunk-size=2000"), "1g");
            postsFile[0] = out.resolve("posts-changed.json");
            System.out.println("verify arguments: " + (extra.isEmpty() ? "(none: the defaults)" : String.join(" ", extra)));
            double wall = run(out, jar, "verify", common, extra, "256m");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("bench_verify"), EmbeddedMariaDb.username(), db.password());
                 Statement s = c.createStatement()) {
                double seconds = ImportThroughputBenchmark.single(s, """
                        SELECT SUM(TIMESTAMPDIFF(MICROSECOND, se.START_TIME, se.END_TIME)) / 1e6 FROM BATCH_STEP_EXECUTION se
                        JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = se.JOB_EXECUTION_ID
                        JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'verifyJob'""");
                long rows = (long) ImportThroughputBenchmark.single(s, "SELECT COUNT(*) FROM drift_report");
                String description;
                try (ResultSet rs = s.executeQuery("""
                        SELECT e.EXIT_MESSAGE FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i
                        ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'verifyJob'""")) {
                    rs.next();
                    description = rs.getString(1);
                }
                ImportThroughputBenchmark.check(rows == posts / 1000, "the report holds " + rows + " rows, expected "
                        + posts / 1000);
                long compared = posts + comments;
                System.out.println();
                System.out.printf("%-44s %12s %10s %12s%n", "", "records", "seconds", "records/s");
                System.out.printf("%-44s %,12d %10.1f %,12.0f%n", "verify job, -Xmx256m (steps)", compared, seconds, compared / seconds);
                System.out.printf("%-44s %,12d %10.1f %,12.0f%n", "verify job, -Xmx256m (whole process)", compared, wall, compared / wall);
                System.out.println("exit description: " + description);
                System.out.println("verify log: " + out.resolve("verify.log"));
            }
        } finally {
            http.stop(0);
            db.stop();
        }
    }

    private static void serve(com.sun.net.httpserver.HttpExchange exchange, Path file) throws java.io.IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream body = exchange.getResponseBody()) {
            Files.copy(file, body);
        }
    }

    /** Runs one command of the jobs jar; returns its wall-clock seconds. */
    private static double run(Path out, Path jar, String command, List<String> common, List<String> extra, String heap)
            throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-jar", jar.toString(), command));
        line.addAll(common);
        line.addAll(extra);
        long started = System.nanoTime();
        Process job = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.resolve(command + ".log").toFile())
                .start();
        int exit = job.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command + " exited with " + exit + "; see " + out.resolve(command + ".log"));
        }
        return ImportThroughputBenchmark.seconds(started);
    }
}
