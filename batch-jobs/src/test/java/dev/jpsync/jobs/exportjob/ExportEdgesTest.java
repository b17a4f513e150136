package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.jpsync.domain.SyncFailureRepository;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export against a remote that misbehaves in ordinary ways: one record always failing, writes stored but
 * answered 504 or too late, long answers, keys changed by SQL, refusals across restarts.
 */
@SpringBootTest(properties = {
        "sync.remote.read-timeout=3s", // generous: the machine may be busy; one test waits it out
        "sync.remote.retry.max-attempts=2",
        "sync.remote.retry.initial-delay=10ms",
        "sync.export.chunk-size=10",
        "sync.export.concurrency=2"})
@SpringBatchTest
@UseTestDatabase
class ExportEdgesTest extends ExportJobTestSupport {

    @Autowired
    SyncFailureRepository failures;
    @Autowired
    JsonMapper json;

    private static StepExecution sendStep(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("exportSend")).findFirst().orElseThrow();
    }

    @Test
    void aRecordTheRemoteAlwaysFailsDoesNotStopTheOthersAndIsParkedAfterThreeRuns() throws Exception {
        for (long id = 1; id <= 5; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, ' edited')");
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(okJson("{}")));
        remote.stubFor(put("/posts/3").willReturn(aResponse().withStatus(500).withBody("{\"error\": \"poisoned\"}")));
        remote.stubFor(get(urlPathEqualTo("/posts")).willReturn(okJson("[{\"id\": 1}]")));

        JobExecution first = runExport();

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT entity_id FROM change_log", Long.class)).containsExactly(3L);
        assertThat(jdbc.queryForList("SELECT entity_id FROM change_log_archive WHERE outcome = 'SENT' ORDER BY entity_id",
                Long.class)).containsExactly(1L, 2L, 4L, 5L);
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isZero();
        assertThat(first.getExitStatus().getExitDescription()).contains("1 entry left pending");

        // the failing record is the only one left: the probe tells the remote answers
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isZero();
        remote.verify(getRequestedFor(urlEqualTo("/posts?_limit=1")));
        JobExecution third = runExport();

        assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
        Map<String, Object> parked = jdbc.queryForMap("SELECT entity_id, op, reason FROM sync_failure");
        assertThat(parked).containsEntry("entity_id", 3L).containsEntry("op", "UPDATE");
        assertThat((String) parked.get("reason")).contains("parked after 3 runs").contains("HTTP 500");
        assertThat(jdbc.queryForList("SELECT outcome FROM change_log_archive WHERE entity_id = 3", String.class))
                .containsExactly("FAILED");
        assertThat(sendStep(third).getWriteSkipCount()).isEqualTo(1);
        assertThat(third.getExitStatus().getExitDescription()).contains("1 change refused or parked");
        remote.verify(3 * 2, putRequestedFor(urlEqualTo("/posts/3")));

        // re-queued once the remote accepts it again
        remote.stubFor(put("/posts/3").willReturn(okJson("{}")));
        assertThat(failures.requeueAll()).hasSize(1);
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
        assertThat(jdbc.queryForList("SELECT outcome FROM change_log_archive WHERE entity_id = 3 ORDER BY id", String.class))
                .containsExactly("FAILED", "SENT");
    }

    @Test
    void aRemoteThatAnswersNothingIsAnOutageThatParksNothingAndKeepsEveryEntry() throws Exception {
        importedPost(1, "one");
        importedPost(2, "two");
        jdbc.update("UPDATE posts SET title = concat(title, '!')");
        remote.stubFor(put(urlMatching("/posts/\\d+")).willReturn(aResponse().withStatus(503)));
        remote.stubFor(get(urlPathEqualTo("/posts")).willReturn(aResponse().withStatus(503)));

        for (int run = 1; run <= 4; run++) {
            JobExecution execution = runExport();
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(execution.getExitStatus().getExitDescription()).contains("answers no other call");
        }

        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isZero();
        assertThat(count("SELECT COUNT(*) FROM export_unanswered")).isZero();
    }

    /** A json-server-like remote that stores the POST; {@code answer} is what the client gets back. */
    private void remoteThatStoresThePost(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        remote.stubFor(post("/posts").inScenario("stored").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer).willSetStateTo("stored"));
        remote.stubFor(post("/posts").inScenario("stored").whenScenarioStateIs("stored")
                .willReturn(okJson("{\"id\": 102}").withStatus(201)));
        remote.stubFor(get(urlPathEqualTo("/posts")).inScenario("stored").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[]")));
        remote.stubFor(get(urlPathEqualTo("/posts")).inScenario("stored").whenScenarioStateIs("stored")
                .withQueryParam("title", equalTo("fresh"))
                .willReturn(okJson("[{\"id\": 101, \"userId\": 7, \"title\": \"fresh\", \"body\": \"other body\"},"
                        + " {\"id\": 100, \"userId\": 7, \"title\": \"fresh\", \"body\": \"new body\"}]")));
    }

    @Test
    void aPostStoredAndAnswered504IsLookedUpAndAdoptedNotSentTwice() throws Exception {
        long id = newPost("fresh");
        remoteThatStoresThePost(aResponse().withStatus(504));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(1, postRequestedFor(urlEqualTo("/posts")));
        assertThat(remoteIdOf("posts", id)).isEqualTo(100L);
        assertThat(archive()).extracting(r -> r.get("outcome")).containsExactly("SENT");
        assertThat(count("SELECT COUNT(*) FROM export_create_sent")).isZero();
    }

    @Test
    void aPostStoredWhoseAnswerTimesOutIsLookedUpAndAdoptedNotSentTwice() throws Exception {
        long id = newPost("fresh");
        remoteThatStoresThePost(okJson("{\"id\": 100}").withStatus(201).withFixedDelay(3500));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(1, postRequestedFor(urlEqualTo("/posts")));
        assertThat(remoteIdOf("posts", id)).isEqualTo(100L);
    }

    @Test
    void aPostAnswered503IsNotAmbiguousAndIsSentAgainWithoutALookup() throws Exception {
        long id = newPost("fresh");
        remoteThatStoresThePost(aResponse().withStatus(503));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(2, postRequestedFor(urlEqualTo("/posts")));
        remote.verify(0, getRequestedFor(urlPathEqualTo("/posts")));
        assertThat(remoteIdOf("posts", id)).isEqualTo(102L);
    }

    @Test
    void aCreateAnEarlierExecutionSentWithoutRecordingItIsLookedUpFirst() throws Exception {
        long id = newPost("fresh");
        remoteThatStoresThePost(okJson("{\"id\": 100}").withStatus(201));
        // as a process killed after sending the POST leaves it
        jdbc.update("INSERT INTO export_create_sent (entity, entity_id, export_execution_id) VALUES ('POST', ?, 0)", id);
        remote.setScenarioState("stored", "stored");

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(0, postRequestedFor(urlEqualTo("/posts")));
        assertThat(remoteIdOf("posts", id)).isEqualTo(100L);
        assertThat(count("SELECT COUNT(*) FROM export_create_sent")).isZero();
    }

    @Test
    void aCreateWithALongBodyIsReadWholeAndRecordedOnce() throws Exception {
        String body = "x".repeat(9_990);
        jdbc.update("INSERT INTO posts (user_id, title, body) VALUES (7, 'long', ?)", body);
        long id = jdbc.queryForObject("SELECT MAX(id) FROM posts", Long.class);
        remote.stubFor(post("/posts").willReturn(okJson(json.writeValueAsString(Map.of(
                "userId", 7, "title", "long", "body", body, "id", 101))).withStatus(201)));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(remoteIdOf("posts", id)).isEqualTo(101L);
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isZero();
        remote.verify(1, postRequestedFor(urlEqualTo("/posts")));
    }

    @Test
    void aPrimaryKeyChangedBySqlMovesTheRemoteRecordAndLaterEditsFollowIt() throws Exception {
        importedPost(1, "one");
        jdbc.update("UPDATE posts SET id = 1001, title = 'moved' WHERE id = 1");
        remote.stubFor(put("/posts/1").willReturn(okJson("{}")));
        remote.stubFor(delete(urlMatching("/posts/\\d+")).willReturn(okJson("{}")));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(0, deleteRequestedFor(urlMatching("/posts/.*")));
        remote.verify(1, putRequestedFor(urlEqualTo("/posts/1")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.title", equalTo("moved"))));
        assertThat(remoteIdOf("posts", 1001)).isEqualTo(1L);
        assertThat(count("SELECT COUNT(*) FROM sync_failure")).isZero();
        assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
    }

    @Test
    void aRowDeletedAndInsertedAgainWithTheSameIdKeepsItsRemoteRecordAndIsNeverPostedLater() throws Exception {
        importedPost(1, "one");
        jdbc.update("DELETE FROM posts WHERE id = 1");
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (1, 1, 'again', 'b')");
        remote.stubFor(put("/posts/1").willReturn(okJson("{}")));

        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(remoteIdOf("posts", 1)).isEqualTo(1L);

        jdbc.update("UPDATE posts SET title = 'again, edited' WHERE id = 1");
        assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        remote.verify(putRequestedFor(urlEqualTo("/posts/1")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.title", equalTo("again, edited"))));
        remote.verify(0, postRequestedFor(urlEqualTo("/posts")));
    }

    @Test
    void refusalsAndParkedRecordsAreSkipsOfTheStepAndSaidInTheJobsExitDescription() throws Exception {
        for (long id = 1; id <= 6; id++) {
            importedPost(id, "p" + id);
        }
        jdbc.update("UPDATE posts SET title = concat(title, '?')");
        remote.stubFor(put(urlMatching("/posts/[12]")).willReturn(aResponse().withStatus(422).withBody("{}")));
        remote.stubFor(put(urlMatching("/posts/[34]")).willReturn(okJson("{}")));
        remote.stubFor(put(urlMatching("/posts/[56]")).willReturn(aResponse().withStatus(503)));

        JobExecution execution = runExport();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(sendStep(execution).getWriteSkipCount()).isEqualTo(2);
        assertThat(sendStep(execution).getWriteCount()).isEqualTo(2);
        assertThat(execution.getExitStatus().getExitDescription())
                .contains("2 changes refused or parked").contains("2 entries left pending");
    }
}
