package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import dev.jpsync.testsupport.UseTestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The export job against a WireMock remote, on the real (embedded) database. */
@SpringBootTest(properties = {
        "sync.remote.read-timeout=2s",
        "sync.remote.retry.max-attempts=3",
        "sync.remote.retry.initial-delay=10ms",
        "sync.export.chunk-size=2",
        "sync.export.concurrency=2"})
@SpringBatchTest
@UseTestDatabase
class ExportJobTest extends ExportJobTestSupport {

    @Autowired
    DataSource dataSource;
    @Autowired
    MeterRegistry meters;

    private double calls(String method, String outcome) {
        Counter c = meters.find("sync.export.calls").tag("method", method).tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private double skips(String entity) {
        Counter c = meters.find("sync.skips").tag("job", "exportJob").tag("entity", entity).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void countsEveryCallByMethodAndOutcomeAndEachSkip() throws Exception {
        double putSent = calls("PUT", "sent"), putRetried = calls("PUT", "retried"), putSkipped = calls("PUT", "skipped");
        double putFailed = calls("PUT", "failed"), postSent = calls("POST", "sent"), deleteSent = calls("DELETE", "sent");
        double postSkips = skips("POST");
        importedPost(1, "one");
        importedPost(2, "two");
        importedPost(3, "three");
        newPost("fresh");
        jdbc.update("UPDATE posts SET title = 'one, edited' WHERE id = 1");
        jdbc.update("UPDATE posts SET title = 'two, edited' WHERE id = 2");
        jdbc.update("DELETE FROM posts WHERE id = 3");
        remote.stubFor(put("/posts/1").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        remote.stubFor(put("/posts/1").inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson("{}")));
        remote.stubFor(put("/posts/2").willReturn(aResponse().withStatus(404).withBody("{}")));
        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 101}").withStatus(201)));
        remote.stubFor(delete("/posts/3").willReturn(ok()));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(calls("PUT", "sent") - putSent).isEqualTo(1);
        assertThat(calls("PUT", "retried") - putRetried).isEqualTo(1);
        assertThat(calls("PUT", "skipped") - putSkipped).isEqualTo(1);
        assertThat(calls("POST", "sent") - postSent).isEqualTo(1);
        assertThat(calls("DELETE", "sent") - deleteSent).isEqualTo(1);
        assertThat(skips("POST") - postSkips).isEqualTo(1);

        // the remote down for a whole call: every attempt but the last counts as retried, the last as failed
        jdbc.update("UPDATE posts SET title = 'one, again' WHERE id = 1");
        remote.resetAll();
        remote.stubFor(put("/posts/1").willReturn(aResponse().withStatus(500)));
        remote.stubFor(get(urlPathEqualTo("/posts")).willReturn(aResponse().withStatus(502))); // the probe: down
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(calls("PUT", "retried") - putRetried).isEqualTo(1 + 2); // max-attempts=3
        assertThat(calls("PUT", "failed") - putFailed).isEqualTo(1);
        assertThat(calls("PUT", "sent") - putSent).isEqualTo(1);
        assertThat(skips("POST") - postSkips).isEqualTo(1);
    }

    @Test
    void sendsEachHttpVerbAndArchivesTheWindowAsSent() throws Exception {
        importedPost(1, "one");
        importedPost(2, "two");
        importedComment(1, 2);
        long created = newPost("fresh");
        jdbc.update("UPDATE posts SET title = 'one, edited' WHERE id = 1");
        jdbc.update("DELETE FROM posts WHERE id = 2"); // logs the deletion of comment 1, then of post 2
        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 101}").withStatus(201)));
        remote.stubFor(put("/posts/1").willReturn(okJson("{}")));
        remote.stubFor(delete(urlMatching("/(posts|comments)/\\d+")).willReturn(ok()));

        JobExecution execution = runExport();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        remote.verify(1, postRequestedFor(urlEqualTo("/posts"))
                .withRequestBody(equalToJson("{\"userId\": 7, \"title\": \"fresh\", \"body\": \"new body\"}")));
        remote.verify(1, putRequestedFor(urlEqualTo("/posts/1")).withRequestBody(equalToJson(
                "{\"id\": 1, \"userId\": 1, \"title\": \"one, edited\", \"body\": \"imported body\"}")));
        remote.verify(1, deleteRequestedFor(urlEqualTo("/posts/2")));
        remote.verify(1, deleteRequestedFor(urlEqualTo("/comments/1")));
        assertThat(remote.getAllServeEvents()).hasSize(4);
        assertThat(remoteIdOf("posts", created)).isEqualTo(101L);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
        assertThat(archive()).hasSize(4).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("SENT");
            assertThat(((Number) row.get("export_execution_id")).longValue()).isEqualTo(execution.getId());
        });
        assertThat(count("SELECT COUNT(*) FROM change_log_outcome")).isZero();
    }

    @Test
    void storesTheRemoteIdOfANewPostAndUsesItForItsLaterUpdateAndDelete() throws Exception {
        long id = newPost("first");
        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 555}").withStatus(201)));
        remote.stubFor(put("/posts/555").willReturn(okJson("{}")));
        remote.stubFor(delete("/posts/555").willReturn(ok()));
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(remoteIdOf("posts", id)).isEqualTo(555L);
        // storing the remote id was not captured: nothing is left to echo back
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();

        jdbc.update("UPDATE posts SET body = 'changed' WHERE id = ?", id);
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        remote.verify(1, putRequestedFor(urlEqualTo("/posts/555")).withRequestBody(equalToJson(
                "{\"id\": 555, \"userId\": 7, \"title\": \"first\", \"body\": \"changed\"}")));

        jdbc.update("DELETE FROM posts WHERE id = ?", id);
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        remote.verify(1, deleteRequestedFor(urlEqualTo("/posts/555")));
        remote.verify(1, postRequestedFor(urlEqualTo("/posts")));
    }

    @Test
    void createsANewPostBeforeItsCommentsAndTranslatesTheirPostId() throws Exception {
        long postId = newPost("with comments");
        long c1 = newComment(postId, "c1");
        long c2 = newComment(postId, "c2");
        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 101}").withStatus(201)
                .withFixedDelay(200)));
        remote.stubFor(post("/comments").withRequestBody(matchingJsonPath("$.name", equalTo("c1")))
                .willReturn(okJson("{\"id\": 501}").withStatus(201)));
        remote.stubFor(post("/comments").withRequestBody(matchingJsonPath("$.name", equalTo("c2")))
                .willReturn(okJson("{\"id\": 502}").withStatus(201)));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(2, postRequestedFor(urlEqualTo("/comments")).withRequestBody(matchingJsonPath("$.postId",
                equalTo("101"))));
        assertThat(remoteIdOf("comments", c1)).isEqualTo(501L);
        assertThat(remoteIdOf("comments", c2)).isEqualTo(502L);
        List<ServeEvent> events = remote.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
        assertThat(events.get(0).getRequest().getUrl()).isEqualTo("/posts");
        long postAsked = events.get(0).getRequest().getLoggedDate().getTime();
        // the comments were sent only after the post's answer (which took 200 ms) had come back
        assertThat(events.subList(1, 3)).allSatisfy(e ->
                assertThat(e.getRequest().getLoggedDate().getTime() - postAsked).isGreaterThanOrEqualTo(180));
    }

    @Test
    void aCommentWhosePostIsNotOnTheRemoteIsSkippedWithoutACall() throws Exception {
        long postId = newPost("refused");
        newComment(postId, "orphan");
        remote.stubFor(post("/posts").willReturn(aResponse().withStatus(422).withBody("{\"error\": \"title taken\"}")));

        JobExecution execution = runExport();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        remote.verify(0, postRequestedFor(urlEqualTo("/comments")));
        List<Map<String, Object>> failures = jdbc.queryForList(
                "SELECT entity, op, http_method, http_status, response_snippet, reason, attempts FROM sync_failure ORDER BY id");
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).containsEntry("entity", "POST").containsEntry("op", "CREATE")
                .containsEntry("http_method", "POST").containsEntry("http_status", 422)
                .containsEntry("response_snippet", "{\"error\": \"title taken\"}").containsEntry("attempts", 1);
        assertThat(failures.get(1)).containsEntry("entity", "COMMENT").containsEntry("http_status", null);
        assertThat((String) failures.get(1).get("reason")).contains("not on the remote");
        assertThat(archive()).extracting(r -> r.get("outcome")).containsOnly("SKIPPED").hasSize(2);
    }

    @Test
    void retriesA503AndThenSucceeds() throws Exception {
        importedPost(1, "one");
        jdbc.update("UPDATE posts SET title = 'x' WHERE id = 1");
        remote.stubFor(put("/posts/1").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        remote.stubFor(put("/posts/1").inScenario("flaky").whenScenarioStateIs("recovered").willReturn(okJson("{}")));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(2, putRequestedFor(urlEqualTo("/posts/1")));
        assertThat(archive()).extracting(r -> r.get("outcome")).containsExactly("SENT");
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isZero();
    }

    @Test
    void honoursRetryAfterOfA429() throws Exception {
        importedPost(1, "one");
        jdbc.update("UPDATE posts SET title = 'x' WHERE id = 1");
        remote.stubFor(put("/posts/1").inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        remote.stubFor(put("/posts/1").inScenario("throttled").whenScenarioStateIs("ok").willReturn(okJson("{}")));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<ServeEvent> events = remote.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
        assertThat(events).hasSize(2);
        // the configured backoff is 10 ms: only Retry-After explains a pause of a second
        assertThat(Duration.between(events.get(0).getRequest().getLoggedDate().toInstant(),
                events.get(1).getRequest().getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retriesACallThatTimesOut() throws Exception {
        importedPost(1, "one");
        jdbc.update("UPDATE posts SET title = 'x' WHERE id = 1");
        remote.stubFor(put("/posts/1").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{}").withFixedDelay(2500)).willSetStateTo("fast"));
        remote.stubFor(put("/posts/1").inScenario("slow").whenScenarioStateIs("fast").willReturn(okJson("{}")));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(2, putRequestedFor(urlEqualTo("/posts/1")));
        assertThat(archive()).extracting(r -> r.get("outcome")).containsExactly("SENT");
    }

    @Test
    void a404IsSkippedAndRecordedAsASyncFailure() throws Exception {
        importedPost(1, "one");
        importedPost(2, "two");
        jdbc.update("UPDATE posts SET title = 'gone upstream' WHERE id = 1");
        jdbc.update("UPDATE posts SET title = 'fine' WHERE id = 2");
        remote.stubFor(put("/posts/1").willReturn(aResponse().withStatus(404).withBody("{}")));
        remote.stubFor(put("/posts/2").willReturn(okJson("{}")));

        JobExecution execution = runExport();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        remote.verify(1, putRequestedFor(urlEqualTo("/posts/1"))); // a 4xx is not retried
        Map<String, Object> failure = jdbc.queryForMap("SELECT * FROM sync_failure");
        assertThat(failure).containsEntry("entity", "POST").containsEntry("entity_id", 1L).containsEntry("op", "UPDATE")
                .containsEntry("http_method", "PUT").containsEntry("url", remote.baseUrl() + "/posts/1")
                .containsEntry("http_status", 404).containsEntry("response_snippet", "{}").containsEntry("attempts", 1)
                .containsEntry("export_execution_id", execution.getId());
        assertThat(failure.get("failed_at")).isNotNull();
        assertThat(jdbc.queryForList("SELECT entity_id, outcome FROM change_log_archive ORDER BY entity_id"))
                .containsExactly(Map.of("entity_id", 1L, "outcome", "SKIPPED"), Map.of("entity_id", 2L, "outcome", "SENT"));
    }

    @Test
    void aSecondPostAnsweredWithAnAlreadyMappedIdIsRecordedAndTheFirstMappingKept() throws Exception {
        // JSONPlaceholder fakes writes: every POST /posts answers id 101
        long a = newPost("a");
        long b = newPost("b");
        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 101}").withStatus(201)));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForList("SELECT remote_id FROM posts WHERE id IN (?, ?)", Long.class, a, b))
                .containsExactlyInAnyOrder(101L, null);
        Map<String, Object> failure = jdbc.queryForMap("SELECT http_status, reason FROM sync_failure");
        assertThat(failure.get("http_status")).isEqualTo(201);
        assertThat((String) failure.get("reason")).contains("101").contains("already mapped");
        assertThat(archive()).extracting(r -> r.get("outcome")).containsExactlyInAnyOrder("SENT", "SKIPPED");
    }

    @Test
    void remoteDownForTheWholeRunFailsTheJobAndKeepsEveryEntry() throws Exception {
        importedPost(1, "one");
        importedPost(2, "two");
        jdbc.update("UPDATE posts SET title = concat(title, '!')");
        newPost("new");
        remote.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JobExecution execution = runExport();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo("FAILED");
        assertThat(execution.getExitStatus().getExitDescription())
                .startsWith("Export failed: ")
                .contains("failed after 3 attempt(s)")
                .contains("3 change-log entries up to id")
                .contains("none of them was archived");
        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM change_log_archive")).isZero();
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isZero();
        assertThat(count("SELECT COUNT(*) FROM posts WHERE remote_id IS NULL")).isEqualTo(1);
    }

    @Test
    void aRestartResumesWithoutResendingConfirmedChangesAndKeepsItsWindow() throws Exception {
        for (long id = 1; id <= 4; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, ' edited')");
        remote.stubFor(put(urlMatching("/posts/[12]")).willReturn(okJson("{}")));
        remote.stubFor(put(urlMatching("/posts/[34]")).willReturn(aResponse().withStatus(503)));
        // the remote goes down after posts 1 and 2: the probe fails too, so this is an outage, not posts 3 and 4
        remote.stubFor(get(urlPathEqualTo("/posts")).willReturn(aResponse().withStatus(503)));

        JobExecution failed = runExport();
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        // written after the window was fixed: the restart must leave it for the next run
        jdbc.update("UPDATE posts SET title = 'later' WHERE id = 1");

        remote.resetAll();
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(okJson("{}")));
        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        remote.verify(0, putRequestedFor(urlEqualTo("/posts/1")));
        remote.verify(0, putRequestedFor(urlEqualTo("/posts/2")));
        remote.verify(1, putRequestedFor(urlEqualTo("/posts/3")));
        remote.verify(1, putRequestedFor(urlEqualTo("/posts/4")));
        assertThat(archive()).extracting(r -> r.get("entity_id"), r -> r.get("outcome")).containsExactly(
                tuple(1L, "SENT"), tuple(2L, "SENT"),
                tuple(3L, "SENT"), tuple(4L, "SENT"));
        assertThat(archive()).extracting(r -> ((Number) r.get("export_execution_id")).longValue())
                .containsExactly(failed.getId(), failed.getId(), restarted.getId(), restarted.getId());
        assertThat(jdbc.queryForList("SELECT entity_id, op FROM change_log"))
                .containsExactly(Map.of("entity_id", 1L, "op", "UPDATE"));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        remote.verify(1, putRequestedFor(urlEqualTo("/posts/1")).withRequestBody(matchingJsonPath("$.title",
                equalTo("later"))));
    }

    @Test
    void anEntryCommittedLateBelowTheWindowSurvivesTheArchiveAndGoesWithTheNextRun() throws Exception {
        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 201}").withStatus(201)));
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (var st = slow.createStatement()) {
                // takes a change_log id now, commits only after the export has run
                st.executeUpdate("INSERT INTO posts (user_id, title, body) VALUES (3, 'late', 'b')");
            }
            newPost("visible"); // a higher change_log id, committed at once
            JobExecution first = runExport();
            assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(first.getExecutionContext().getLong(FixWindow.WINDOW_KEY))
                    .isGreaterThan(count("SELECT COALESCE(MAX(id), 0) FROM change_log_archive") - 1);
            slow.commit();
        }
        remote.verify(1, postRequestedFor(urlEqualTo("/posts")).withRequestBody(matchingJsonPath("$.title",
                equalTo("visible"))));
        List<Map<String, Object>> left = jdbc.queryForList("SELECT id, op FROM change_log");
        assertThat(left).hasSize(1);
        long lateId = ((Number) left.get(0).get("id")).longValue();
        assertThat(lateId).isLessThan(count("SELECT MAX(id) FROM change_log_archive"));

        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 202}").withStatus(201)));
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        remote.verify(1, postRequestedFor(urlEqualTo("/posts")).withRequestBody(matchingJsonPath("$.title",
                equalTo("late"))));
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
        assertThat(count("SELECT COUNT(*) FROM change_log_archive WHERE id = ?", lateId)).isEqualTo(1);
    }

    @Test
    void anEmptyChangeLogCompletesWithoutCalls() throws Exception {
        JobExecution execution = runExport();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(remote.getAllServeEvents()).isEmpty();
    }
}
