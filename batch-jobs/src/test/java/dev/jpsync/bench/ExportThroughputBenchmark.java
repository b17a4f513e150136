package dev.jpsync.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.Change;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.NetChange;
import dev.jpsync.jobs.SyncJobsApplication;
import dev.jpsync.jobs.exportjob.InMemoryRemote;
import dev.jpsync.testsupport.TestDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export throughput: 20,000 change-log entries over 4,000 records (mixed creates, updates, deletes) sent
 * to a loopback remote that answers every call after 20 ms. Prints the HTTP calls (which must equal the
 * net changes that need one), the wall time of the job, and its ratio to the latency bound
 * {@code calls x 20 ms / concurrency}. Arguments: the concurrencies to measure, default 8.
 */
public final class ExportThroughputBenchmark {

    private static final long DELAY_MS = Long.getLong("bench.delay-ms", 20);
    /**
     * Export runs per concurrency in one application context, each on a fresh copy of the workload: the first
     * runs cold (the JIT compiles while it runs), the last one counts, as in the service, whose export runs
     * again and again in one process.
     */
    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    public static void main(String[] args) throws Exception {
        List<Integer> concurrencies = args.length == 0 ? List.of(8) : java.util.Arrays.stream(args).map(Integer::valueOf).toList();
        System.out.printf("%-12s %-6s %8s %8s %10s %12s %10s %8s%n", "concurrency", "run", "entries", "net", "calls",
                "wall [s]", "bound [s]", "ratio");
        boolean ok = true;
        List<String> last = new java.util.ArrayList<>();
        for (int concurrency : concurrencies) {
            Result result = measure(concurrency);
            ok &= result.ok();
            last.add(result.line());
        }
        System.out.println("result (per concurrency the last of " + RUNS + " runs in one running application, "
                + "as in the service, whose export runs again and again):");
        last.forEach(System.out::println);
        System.exit(ok ? 0 : 1);
    }

    private record Result(boolean ok, String line) {
    }

    private static Result measure(int concurrency) throws Exception {
        TestDatabase.Schema schema = TestDatabase.newSchema("exportbench");
        try (InMemoryRemote remote = new InMemoryRemote(DELAY_MS);
             ConfigurableApplicationContext context = new SpringApplicationBuilder(SyncJobsApplication.class)
                     .web(WebApplicationType.NONE)
                     .properties(
                             "spring.datasource.url=" + schema.url(),
                             "spring.datasource.username=" + schema.username(),
                             "spring.datasource.password=" + schema.password(),
                             "sync.embedded-db.enabled=false",
                             "sync.remote.base-url=" + remote.baseUrl(),
                             "sync.export.concurrency=" + concurrency,
                             "logging.level.root=WARN")
                     .run()) {
            Result result = null;
            for (int run = 1; run <= RUNS; run++) {
                result = run(context, remote, concurrency, run == 1 ? "first" : run == RUNS ? "last" : "next");
            }
            return result;
        }
    }

    private static Result run(ConfigurableApplicationContext context, InMemoryRemote remote, int concurrency, String run) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        CaptureSuppression capture = context.getBean(CaptureSuppression.class);
        capture.run(() -> {
            for (String table : List.of("comments", "posts", "change_log_outcome", "change_log", "change_log_archive",
                    "sync_failure")) {
                jdbc.update("DELETE FROM " + table);
            }
        });
        remote.posts().clear();
        remote.comments().clear();
        writeWorkload(jdbc, capture, remote);
        List<Change> log = context.getBean(ChangeLogRepository.class).findAll();
        JsonMapper json = JsonMapper.builder().build();
        List<NetChange> net = NetChange.foldAll(log, p -> {
            var r = json.readTree(p).get("remoteId");
            return r == null || r.isNull() ? null : r.asLong();
        });
        Map<NetChange.Action, Long> byAction = new EnumMap<>(NetChange.Action.class);
        net.forEach(n -> byAction.merge(n.action(), 1L, Long::sum));
        long needingACall = net.size() - byAction.getOrDefault(NetChange.Action.NONE, 0L);
        long callsBefore = remote.calls();

        long start = System.nanoTime();
        JobExecution execution;
        try {
            execution = context.getBean(JobOperator.class).start(context.getBean("exportJob", Job.class),
                    new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double wall = (System.nanoTime() - start) / 1e9;

        long calls = remote.calls() - callsBefore;
        double bound = needingACall * DELAY_MS / 1000.0 / concurrency;
        String line = String.format(Locale.ROOT, "%-12d %-6s %8d %8d %10d %12.2f %10.2f %8.2f", concurrency, run,
                log.size(), net.size(), calls, wall, bound, wall / bound);
        System.out.println(line);
        System.out.println("  net changes by action: " + byAction + "; job " + execution.getStatus()
                + "; change_log left: " + jdbc.queryForObject("SELECT COUNT(*) FROM change_log", Long.class));
        boolean ok = execution.getStatus() == BatchStatus.COMPLETED && calls == needingACall;
        if (calls != needingACall) {
            System.out.println("  MISMATCH: " + calls + " HTTP calls for " + needingACall + " net changes that need one");
        }
        return new Result(ok, line);
    }

    private static List<Object[]> rows(long from, long to, java.util.function.LongFunction<Object[]> row) {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (long i = from; i <= to; i++) {
            rows.add(row.apply(i));
        }
        return rows;
    }

    /**
     * 4,000 records, 20,000 entries: 1,000 imported posts updated 4 times (PUT), 500 imported posts updated
     * 3 times and deleted (DELETE), 1,500 new posts created and updated 4 times (POST), 500 new posts created,
     * updated 3 times and deleted (nothing), 500 imported comments updated 8 times (PUT).
     */
    private static void writeWorkload(JdbcTemplate jdbc, CaptureSuppression capture, InMemoryRemote remote) {
        capture.run(() -> {
            jdbc.batchUpdate("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (?, ?, ?, 'imported', ?)",
                    rows(1, 1500, i -> new Object[] {i, 1 + i % 10, "post " + i, i}));
            jdbc.batchUpdate("INSERT INTO comments (id, post_id, name, email, body, remote_id) "
                    + "VALUES (?, ?, ?, 'c@example.com', 'imported', ?)", rows(1, 500, i -> new Object[] {i, i, "comment " + i, i}));
        });
        JsonMapper json = JsonMapper.builder().build();
        for (long id = 1; id <= 1500; id++) {
            remote.posts().put(id, json.createObjectNode().put("id", id));
        }
        for (long id = 1; id <= 500; id++) {
            remote.comments().put(id, json.createObjectNode().put("id", id));
        }
        for (int round = 1; round <= 4; round++) {
            jdbc.update("UPDATE posts SET title = CONCAT('post ', id, ' v', ?) WHERE id <= 1000", round);
        }
        for (int round = 1; round <= 3; round++) {
            jdbc.update("UPDATE posts SET title = CONCAT('post ', id, ' v', ?) WHERE id > 1000 AND id <= 1500", round);
        }
        jdbc.update("DELETE FROM posts WHERE id > 1000 AND id <= 1500");
        jdbc.batchUpdate("INSERT INTO posts (id, user_id, title, body) VALUES (?, ?, ?, 'created here')",
                rows(10001, 12000, i -> new Object[] {i, 1 + i % 10, "new " + i}));
        for (int round = 1; round <= 3; round++) {
            jdbc.update("UPDATE posts SET body = CONCAT('created here v', ?) WHERE id > 10000", round);
        }
        jdbc.update("UPDATE posts SET body = 'created here v4' WHERE id > 10000 AND id <= 11500");
        jdbc.update("DELETE FROM posts WHERE id > 11500");
        for (int round = 1; round <= 8; round++) {
            jdbc.update("UPDATE comments SET body = CONCAT('edited v', ?) WHERE id <= 500", round);
        }
    }
}
