package dev.jpsync.api.jobs;

import static dev.jpsync.api.TestUsers.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.jpsync.api.TestUsers;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The job-control endpoints over the real JDBC job repository, with the small jobs of {@link TestJobs}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseTestDatabase
@Import(TestJobs.class)
class JobControlTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    TestUsers http;

    @BeforeEach
    void setUp() {
        http = new TestUsers(port);
        TestJobs.reset();
    }

    @AfterEach
    void letWaitingJobsFinish() {
        TestJobs.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !running("waitingJob"));
    }

    @Test
    void listsTheJobsWithTheirLastExecution() {
        long id = launchAndWait("countingJob", null, "COMPLETED");

        JsonNode jobs = body(http.get("/jobs", OPERATOR), 200);
        assertThat(jobs.findValuesAsString("name")).contains("countingJob", "flakyJob", "waitingJob");
        JsonNode counting = find(jobs, "countingJob");
        assertThat(counting.path("lastExecution").path("id").asLong()).isEqualTo(id);
        assertThat(counting.path("lastExecution").path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void launchAnswers202WithLocationAndTheExecutionShowsStepCounts() {
        HttpResponse<String> launched = http.post("/jobs/countingJob/executions", OPERATOR, null);
        assertThat(launched.statusCode()).isEqualTo(202);
        long id = body(launched, 202).path("id").asLong();
        assertThat(launched.headers().firstValue("Location")).hasValue("/jobs/executions/" + id);

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("COMPLETED"));
        JsonNode execution = body(http.get("/jobs/executions/" + id, OPERATOR), 200);
        assertThat(execution.path("jobName").asString()).isEqualTo("countingJob");
        assertThat(execution.path("exitCode").asString()).isEqualTo("COMPLETED");
        assertThat(execution.path("startTime").isNull()).isFalse();
        assertThat(execution.path("endTime").isNull()).isFalse();
        assertThat(execution.path("parameters").path("launchedBy").asString()).isEqualTo("endpoint");
        JsonNode step = execution.path("steps").get(0);
        assertThat(step.path("name").asString()).isEqualTo("count");
        assertThat(step.path("readCount").asLong()).isEqualTo(5);
        assertThat(step.path("writeCount").asLong()).isEqualTo(5);
        assertThat(step.path("skipCount").asLong()).isZero();
        assertThat(step.path("commitCount").asLong()).isEqualTo(3); // chunks of 2, 2 and 1
        assertThat(step.path("rollbackCount").asLong()).isZero();
    }

    @Test
    void launchingARunningJobIs409WithTheRunningExecutionId() {
        long running = body(http.post("/jobs/waitingJob/executions", OPERATOR, null), 202).path("id").asLong();

        HttpResponse<String> second = http.post("/jobs/waitingJob/executions", OPERATOR, null);
        JsonNode problem = problem(second, 409);
        assertThat(problem.path("runningExecutionId").asLong()).isEqualTo(running);
        assertThat(problem.path("detail").asString()).contains("already running as execution " + running);
    }

    @Test
    void stopsARunningExecutionAndRefusesToStopAFinishedOne() {
        long id = body(http.post("/jobs/waitingJob/executions", OPERATOR, null), 202).path("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("STARTED"));

        assertThat(http.post("/jobs/executions/" + id + "/stop", OPERATOR, null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("STOPPED"));

        JsonNode problem = problem(http.post("/jobs/executions/" + id + "/stop", OPERATOR, null), 409);
        assertThat(problem.path("detail").asString()).contains("STOPPED");

        // a STOPPED execution can be restarted: the same job instance resumes and completes
        TestJobs.release.countDown();
        JsonNode restarted = body(http.post("/jobs/executions/" + id + "/restart", OPERATOR, null), 202);
        long again = restarted.path("id").asLong();
        assertThat(again).isNotEqualTo(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(again).equals("COMPLETED"));
        assertThat(body(http.get("/jobs/executions/" + again, OPERATOR), 200).path("jobInstanceId").asLong())
                .isEqualTo(body(http.get("/jobs/executions/" + id, OPERATOR), 200).path("jobInstanceId").asLong());
    }

    @Test
    void restartsAFailedExecutionAndRefusesToRestartACompletedOne() {
        long failed = launchAndWait("flakyJob", null, "FAILED");
        assertThat(body(http.get("/jobs/executions/" + failed, OPERATOR), 200).path("exitDescription").asString())
                .contains("remote went away");

        long restarted = body(http.post("/jobs/executions/" + failed + "/restart", OPERATOR, null), 202)
                .path("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(restarted).equals("COMPLETED"));

        JsonNode completed = problem(http.post("/jobs/executions/" + restarted + "/restart", OPERATOR, null), 409);
        assertThat(completed.path("detail").asString()).contains("COMPLETED");
        // the failed one's instance has completed since: restarting it again is refused too
        problem(http.post("/jobs/executions/" + failed + "/restart", OPERATOR, null), 409);
    }

    @Test
    void historyIsNewestFirstAndPaged() {
        long first = launchAndWait("countingJob", "{\"run\": 1}", "COMPLETED");
        long second = launchAndWait("countingJob", "{\"run\": 2}", "COMPLETED");
        long third = launchAndWait("countingJob", "{\"run\": 3}", "COMPLETED");

        JsonNode page0 = body(http.get("/jobs/countingJob/executions?size=2", OPERATOR), 200);
        assertThat(page0.path("content").valueStream().map(e -> e.path("id").asLong()).toList())
                .containsExactly(third, second);
        assertThat(page0.path("totalElements").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode page1 = body(http.get("/jobs/countingJob/executions?size=2&page=1", OPERATOR), 200);
        assertThat(page1.path("content").get(0).path("id").asLong()).isEqualTo(first);
        assertThat(page1.path("content").get(0).path("parameters").path("run").asLong()).isEqualTo(1);

        problem(http.get("/jobs/countingJob/executions?size=1000", OPERATOR), 400);
    }

    @Test
    void parametersOfACompletedInstanceAre409AndBadParametersAre400() {
        launchAndWait("countingJob", "{\"run\": \"same\"}", "COMPLETED");
        problem(http.post("/jobs/countingJob/executions", OPERATOR, "{\"run\": \"same\"}"), 409);
        problem(http.post("/jobs/countingJob/executions", OPERATOR, "{\"run\": {\"nested\": true}}"), 400);
    }

    @Test
    void unknownJobsAndExecutionsAre404() {
        problem(http.post("/jobs/noSuchJob/executions", OPERATOR, null), 404);
        problem(http.get("/jobs/noSuchJob/executions", OPERATOR), 404);
        problem(http.get("/jobs/executions/987654", OPERATOR), 404);
        problem(http.post("/jobs/executions/987654/restart", OPERATOR, null), 404);
        problem(http.post("/jobs/executions/987654/stop", OPERATOR, null), 404);
    }

    private long launchAndWait(String job, String parameters, String expectedStatus) {
        long id = body(http.post("/jobs/" + job + "/executions", OPERATOR, parameters), 202).path("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> !status(id).matches("STARTING|STARTED|STOPPING"));
        assertThat(status(id)).isEqualTo(expectedStatus);
        return id;
    }

    private String status(long id) {
        return body(http.get("/jobs/executions/" + id, OPERATOR), 200).path("status").asString();
    }

    private boolean running(String job) {
        JsonNode last = find(body(http.get("/jobs", OPERATOR), 200), job).path("lastExecution");
        return last.isObject() && last.path("status").asString().matches("STARTING|STARTED|STOPPING");
    }

    private static JsonNode find(JsonNode jobs, String name) {
        for (JsonNode job : jobs) {
            if (job.path("name").asString().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("no job " + name + " in " + jobs);
    }

    private JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }
}
