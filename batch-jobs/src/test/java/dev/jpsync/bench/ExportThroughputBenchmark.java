package dev.jpsync.bench;

import java.util.List;
import java.util.Locale;

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
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.jobs.SyncJobsApplication;
import dev.jpsync.jobs.exportjob.InMemoryRemote;
import dev.jpsync.testsupport.TestDatabase;

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
        ExportWorkload.Expected expected = ExportWorkload.write(jdbc, context.getBean(CaptureSuppression.class),
                context.getBean(ChangeLogRepository.class), remote);
        long needingACall = expected.needingACall();
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
                expected.entries(), expected.net(), calls, wall, bound, wall / bound);
        System.out.println(line);
        System.out.println("  net changes by action: " + expected.byAction() + "; job " + execution.getStatus()
                + "; change_log left: " + jdbc.queryForObject("SELECT COUNT(*) FROM change_log", Long.class));
        StringBuilder steps = new StringBuilder("  steps:");
        for (var step : execution.getStepExecutions()) {
            steps.append(String.format(Locale.ROOT, " %s %.2f s (%d commits);", step.getStepName(),
                    java.time.Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0,
                    step.getCommitCount()));
        }
        System.out.println(steps);
        boolean ok = execution.getStatus() == BatchStatus.COMPLETED && calls == needingACall;
        if (calls != needingACall) {
            System.out.println("  MISMATCH: " + calls + " HTTP calls for " + needingACall + " net changes that need one");
        }
        return new Result(ok, line);
    }
}
