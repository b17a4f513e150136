package dev.jpsync.jobs.launch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.jpsync.jobs.SyncJobsApplication;
import dev.jpsync.jobs.importjob.ImportJobConfiguration;
import dev.jpsync.jobs.importjob.ImportOnStartup;
import dev.jpsync.testsupport.UseTestDatabase;

/** The command line: exit codes, the summary, --restart; and that the command-line app never imports on its own. */
@SpringBootTest(properties = {"sync.remote.retry.max-attempts=1", "sync.import.chunk-size=2"})
@UseTestDatabase
class JobCommandRunnerTest {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void remoteUrl(DynamicPropertyRegistry registry) {
        registry.add("sync.remote.base-url", remote::baseUrl);
    }

    static final String POSTS = """
            [{"userId": 1, "id": 1, "title": "one", "body": "first"},
             {"userId": 1, "id": 2, "title": "two", "body": "second"},
             {"userId": 2, "id": 3, "title": "three", "body": "third"}]""";
    static final String COMMENTS = """
            [{"postId": 1, "id": 1, "name": "n1", "email": "a@b.c", "body": "c1"},
             {"postId": 3, "id": 2, "name": "n2", "email": "d@e.f", "body": "c2"}]""";

    @Autowired
    JobRuns jobRuns;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void emptyDatabase() {
        jdbc.sql("DELETE FROM comments").update();
        jdbc.sql("DELETE FROM posts").update();
        jdbc.sql("DELETE FROM change_log").update();
    }

    @Test
    void importExitsZeroAndPrintsWhatEachStepDid() throws Exception {
        remote.stubFor(get("/posts").willReturn(okJson(POSTS)));
        remote.stubFor(get("/comments").willReturn(okJson(COMMENTS)));

        JobCommandRunner runner = run("import");

        assertThat(runner.getExitCode()).isZero();
        assertThat(printed()).contains("importJob execution ").contains(": COMPLETED")
                .contains("importPosts COMPLETED: 3 read, 3 written, 0 filtered, 0 skipped in ")
                .contains("importComments COMPLETED: 2 read, 2 written");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aFailedImportExitsNonZeroWithTheReasonAndRestartContinuesIt() throws Exception {
        remote.stubFor(get("/posts").willReturn(okJson(POSTS)));
        remote.stubFor(get("/comments").willReturn(aResponse().withStatus(500).withBody("oops")));

        JobCommandRunner failed = run("import");

        assertThat(failed.getExitCode()).isEqualTo(1);
        assertThat(printed()).contains(": FAILED").contains("importComments: GET " + remote.baseUrl()
                + "/comments answered 500 Server Error: oops (gave up after 1 attempt, at item 0)");

        remote.stubFor(get("/comments").willReturn(okJson(COMMENTS)));
        output.reset();
        JobCommandRunner restarted = run("import", "--restart");

        assertThat(restarted.getExitCode()).isZero();
        // the completed posts step is not run again
        assertThat(printed()).doesNotContain("importPosts").contains("importComments COMPLETED: 2 read, 2 written");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single()).isEqualTo(2);

        output.reset();
        assertThat(run("import", "--restart").getExitCode()).isEqualTo(2);
        assertThat(printed()).contains("importJob: nothing to restart");
    }

    @Test
    void anUnknownOrMissingCommandPrintsUsageAndExitsTwo() throws Exception {
        assertThat(run("imprt").getExitCode()).isEqualTo(2);
        assertThat(run().getExitCode()).isEqualTo(2);
        assertThat(printed()).contains("usage: java -jar jsonplaceholder-sync-jobs-exec.jar <export|import|verify>");
    }

    @Test
    void theCommandLineRefusesWhileTheServiceRunsTheJobAndTheServiceRefusesWhileTheCommandLineRunsIt() throws Exception {
        remote.stubFor(get("/posts").willReturn(okJson(POSTS).withFixedDelay(1500)));
        remote.stubFor(get("/comments").willReturn(okJson(COMMENTS)));
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<JobExecution> serviceRun = background.submit(
                    () -> jobRuns.start(ImportJobConfiguration.JOB_NAME, Map.of(), "endpoint"));
            awaitRequests(1); // the service's import is reading the posts

            JobCommandRunner refused = run("import");

            assertThat(refused.getExitCode()).isEqualTo(JobCommandRunner.ALREADY_RUNNING).isEqualTo(3);
            assertThat(printed()).startsWith("Job 'importJob' is already running as execution ")
                    .endsWith("Nothing was done." + System.lineSeparator()).hasLineCount(1);
            assertThat(serviceRun.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);

            output.reset();
            Future<JobCommandRunner> commandLineRun = background.submit(() -> run("import"));
            awaitRequests(2); // the command line's import is reading the posts

            assertThatThrownBy(() -> jobRuns.start(ImportJobConfiguration.JOB_NAME, Map.of(), "endpoint"))
                    .isInstanceOfSatisfying(JobRunRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(JobRunRefusedException.Reason.ALREADY_RUNNING));
            assertThat(commandLineRun.get(30, TimeUnit.SECONDS).getExitCode()).isZero();
        } finally {
            background.shutdownNow();
        }
        remote.verify(2, getRequestedFor(urlEqualTo("/posts"))); // one import each, never two at once
    }

    private static void awaitRequests(int postsRequests) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (remote.findAll(getRequestedFor(urlEqualTo("/posts"))).size() < postsRequests && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(remote.findAll(getRequestedFor(urlEqualTo("/posts")))).hasSize(postsRequests);
    }

    @Test
    void theCommandLineApplicationDoesNotImportOnStartup() {
        assertThat(context.getBeansOfType(ImportOnStartup.class)).isEmpty();
    }

    private JobCommandRunner run(String... args) throws Exception {
        JobCommandRunner runner = new JobCommandRunner(SyncJobsApplication.JOBS_BY_COMMAND, jobRuns,
                new PrintStream(output, true, StandardCharsets.UTF_8));
        runner.run(new DefaultApplicationArguments(args));
        return runner;
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
