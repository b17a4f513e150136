package dev.jpsync.api.jobs;

import static dev.jpsync.api.TestUsers.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.api.TestUsers;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schedules, pointed at test jobs: the export schedule (fixed delay) runs only when the change log holds
 * something; the import schedule (cron) skips its turns while its job runs; launches never overlap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sync.schedule.export.enabled=true", "sync.schedule.export.job=countingJob",
        "sync.schedule.export.fixed-delay=300ms", "sync.schedule.export.initial-delay=0s",
        "sync.schedule.import.enabled=true", "sync.schedule.import.job=waitingJob",
        "sync.schedule.import.cron=* * * * * *"})
@UseTestDatabase
@Import(TestJobs.class)
@ExtendWith(OutputCaptureExtension.class)
class JobSchedulesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void schedulesRunTheirJobsWithoutOverlapAndExportOnlyWhenChangesWait(CapturedOutput output) throws Exception {
        TestUsers http = new TestUsers(port);
        jdbc.sql("DELETE FROM change_log").update();
        Thread.sleep(1500);
        long exportsWhileEmpty = executions(http, "countingJob");

        jdbc.sql("INSERT INTO posts (user_id, title, body) VALUES (1, 't', 'b')").update();
        await().atMost(Duration.ofSeconds(20)).until(() -> executions(http, "countingJob") > exportsWhileEmpty);
        JsonNode latest = json.readTree(http.get("/jobs/countingJob/executions?size=1", OPERATOR).body())
                .path("content").get(0);
        assertThat(latest.path("parameters").path("launchedBy").asString()).isEqualTo("schedule");

        // the cron fires every second, but the waiting job is still running: one execution, turns skipped
        await().atMost(Duration.ofSeconds(20)).until(() -> executions(http, "waitingJob") >= 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getAll().contains("Scheduled run of waitingJob skipped"));
        assertThat(executions(http, "waitingJob")).isEqualTo(1);
        assertThat(exportsWhileEmpty).isZero();

        // many launches at once through the endpoint, while the schedule's run is going: all refused with 409
        List<Integer> statuses = launchConcurrently(http, "waitingJob", 6);
        assertThat(statuses).containsOnly(409);
        TestJobs.release.countDown();
    }

    @Test
    void concurrentLaunchesCreateExactlyOneExecution() throws Exception {
        TestUsers http = new TestUsers(port);
        List<Integer> statuses = launchConcurrently(http, "flakyJob", 6);
        // flakyJob ends fast, so later launches may start new runs after it; never two at once. The DB lock
        // makes check-and-create atomic, so every 202 is a distinct, non-overlapping execution.
        assertThat(statuses).contains(202).allMatch(s -> s == 202 || s == 409);
        JsonNode page = json.readTree(http.get("/jobs/flakyJob/executions?size=100", OPERATOR).body());
        List<JsonNode> runs = page.path("content").valueStream().toList();
        assertThat(runs).hasSize((int) statuses.stream().filter(s -> s == 202).count());
        for (int i = 1; i < runs.size(); i++) {
            // newest first: each run started after the previous one ended
            assertThat(runs.get(i - 1).path("startTime").asString())
                    .isGreaterThanOrEqualTo(runs.get(i).path("endTime").asString());
        }
    }

    private List<Integer> launchConcurrently(TestUsers http, String job, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<Integer>> launches = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                launches.add(() -> http.post("/jobs/" + job + "/executions", OPERATOR, null).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(launches)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private long executions(TestUsers http, String job) {
        HttpResponse<String> response = http.get("/jobs/" + job + "/executions?size=1", OPERATOR);
        return response.statusCode() == 404 ? 0 : json.readTree(response.body()).path("totalElements").asLong();
    }
}
