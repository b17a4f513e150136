package dev.jpsync.jobs.importjob;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** importJob against WireMock serving JSONPlaceholder's own 100 posts and 500 comments, on a real database. */
@SpringBatchTest
@SpringBootTest(properties = {
        "sync.import.chunk-size=50",
        "sync.import.skip-limit=30",
        "sync.remote.retry.max-attempts=4",
        "sync.remote.retry.initial-delay=10ms",
        "sync.remote.retry.max-delay=50ms",
        "sync.remote.read-timeout=2s"})
@UseTestDatabase
class ImportJobTest {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void remoteUrl(DynamicPropertyRegistry registry) {
        registry.add("sync.remote.base-url", remote::baseUrl);
    }

    @Autowired
    JobOperatorTestUtils jobs;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job importJob;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChangeLogRepository changeLog;

    @BeforeEach
    void emptyDatabase() {
        jobs.setJob(importJob);
        jdbc.sql("SET @sync_capture_off = 1").update();
        for (String table : List.of("comments", "posts", "change_log", "import_skip")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        jdbc.sql("SET @sync_capture_off = NULL").update();
    }

    @Test
    void importsEveryPostAndCommentFieldForFieldWithoutLoggingChanges() throws Exception {
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(postsInDatabase()).isEqualTo(expectedPosts(JsonPlaceholderData.posts()));
        assertThat(commentsInDatabase()).isEqualTo(expectedComments(JsonPlaceholderData.comments()));
        assertThat(Steps.of(execution, "importPosts").getWriteCount()).isEqualTo(100);
        assertThat(Steps.of(execution, "importComments").getWriteCount()).isEqualTo(500);
        assertThat(changeLog.count()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_skip").query(Long.class).single()).isZero();
    }

    @Test
    void aRecordTwiceInOneChunkIsWrittenOnceWithItsLaterContent() throws Exception {
        ArrayNode posts = JsonPlaceholderData.posts();
        ObjectNode again = (ObjectNode) posts.get(4).deepCopy(); // post 5 once more, later in the same chunk of 50
        again.put("title", "the later post 5");
        posts.insert(20, again);
        serve(posts, JsonPlaceholderData.comments());

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isEqualTo(100);
        assertThat(jdbc.sql("SELECT title FROM posts WHERE id = 5 AND remote_id = 5").query(String.class).single())
                .isEqualTo("the later post 5");
        assertThat(changeLog.count()).isZero();
    }

    @Test
    void captureIsOnAgainAfterTheImport() throws Exception {
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());
        jobs.startJob(jobs.getUniqueJobParameters());

        // every pooled connection the import used must log edits again
        for (int i = 0; i < 25; i++) {
            jdbc.sql("UPDATE posts SET title = ? WHERE id = ?").params("edited " + i, i + 1).update();
        }
        assertThat(changeLog.count()).isEqualTo(25);
    }

    @Test
    void runningTwiceLeavesTheSameRowsAndAnEmptyChangeLog() throws Exception {
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());
        jobs.startJob(jobs.getUniqueJobParameters());
        List<Map<String, Object>> postsAfterFirst = jdbc.sql("SELECT * FROM posts ORDER BY id").query().listOfRows();
        List<Map<String, Object>> commentsAfterFirst = jdbc.sql("SELECT * FROM comments ORDER BY id").query().listOfRows();

        JobExecution second = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getJobInstance().getInstanceId()).isNotEqualTo(0);
        // same rows, timestamps included: the second run changed nothing
        assertThat(jdbc.sql("SELECT * FROM posts ORDER BY id").query().listOfRows()).isEqualTo(postsAfterFirst);
        assertThat(jdbc.sql("SELECT * FROM comments ORDER BY id").query().listOfRows()).isEqualTo(commentsAfterFirst);
        assertThat(changeLog.count()).isZero();
    }

    @Test
    void restartAfterTheConnectionDroppedMidStreamEndsLikeAnUninterruptedRun() throws Exception {
        ArrayNode comments = JsonPlaceholderData.comments();
        String whole = comments.toString();
        // the body ends in the middle of comment 231: items 0..229 arrive, chunks up to 200 commit
        String truncated = whole.substring(0, whole.indexOf("{\"postId\":47,\"id\":231") + 30);
        remote.stubFor(get("/posts").willReturn(okJson(JsonPlaceholderData.posts().toString())));
        remote.stubFor(get("/comments").willReturn(okJson(truncated)));

        JobExecution failed = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExitStatus().getExitDescription())
                .startsWith("importComments: GET " + remote.baseUrl() + "/comments")
                .endsWith("(gave up after 4 attempts, at item 230)");
        remote.verify(4, getRequestedFor(urlEqualTo("/comments")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single()).isEqualTo(200);

        remote.stubFor(get("/comments").willReturn(okJson(whole)));
        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName).containsExactly("importComments");
        assertThat(Steps.of(restarted, "importComments").getReadCount()).isEqualTo(300);
        List<Map<String, Object>> postsAfterRestart = syncedColumns("posts");
        List<Map<String, Object>> commentsAfterRestart = syncedColumns("comments");

        emptyDatabase();
        JobExecution uninterrupted = jobs.startJob(jobs.getUniqueJobParameters());
        assertThat(uninterrupted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(postsAfterRestart).isEqualTo(syncedColumns("posts")).hasSize(100);
        assertThat(commentsAfterRestart).isEqualTo(syncedColumns("comments")).hasSize(500);
        assertThat(changeLog.count()).isZero();
    }

    @Test
    void retriesServerErrorsRateLimitsAndResetsWithBackoffThenSucceeds() throws Exception {
        String posts = JsonPlaceholderData.posts().toString();
        remote.stubFor(get("/posts").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("429"));
        remote.stubFor(get("/posts").inScenario("flaky").whenScenarioStateIs("429")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("reset"));
        remote.stubFor(get("/posts").inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        remote.stubFor(get("/posts").inScenario("flaky").whenScenarioStateIs("ok").willReturn(okJson(posts)));
        // the comments drop mid-body once, then arrive whole
        String comments = JsonPlaceholderData.comments().toString();
        remote.stubFor(get("/comments").inScenario("drop").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(comments.substring(0, comments.length() / 2))).willSetStateTo("whole"));
        remote.stubFor(get("/comments").inScenario("drop").whenScenarioStateIs("whole").willReturn(okJson(comments)));

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        remote.verify(4, getRequestedFor(urlEqualTo("/posts")));
        remote.verify(2, getRequestedFor(urlEqualTo("/comments")));
        assertThat(postsInDatabase()).isEqualTo(expectedPosts(JsonPlaceholderData.posts()));
        assertThat(commentsInDatabase()).isEqualTo(expectedComments(JsonPlaceholderData.comments()));
        assertThat(Steps.of(execution, "importComments").getReadCount()).isEqualTo(500);
    }

    @Test
    void waitsAsLongAsRetryAfterAsksBeforeTheNextAttempt() throws Exception {
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());
        remote.stubFor(get("/posts").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        remote.stubFor(get("/posts").inScenario("busy").whenScenarioStateIs("ok")
                .willReturn(okJson(JsonPlaceholderData.posts().toString())));

        long started = System.nanoTime();
        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // the backoff alone would retry after 10 ms
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(2));
        remote.verify(2, getRequestedFor(urlEqualTo("/posts")));
    }

    @Test
    void givesUpAtOnceWhenRetryAfterAsksForLongerThanItWaits() throws Exception {
        remote.stubFor(get("/posts").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription()).contains("/posts answered 503")
                .contains("Retry-After 3600 s, longer than sync.remote.retry.max-retry-after");
        remote.verify(1, getRequestedFor(urlEqualTo("/posts")));
    }

    @Test
    void givesUpOnAPersistentServerErrorNamingTheUrlAndTheStatus() throws Exception {
        remote.stubFor(get("/posts").willReturn(aResponse().withStatus(503).withBody("down for maintenance")));

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("importPosts: GET " + remote.baseUrl()
                + "/posts answered 503 Service Unavailable: down for maintenance (gave up after 4 attempts, at item 0)");
        remote.verify(4, getRequestedFor(urlEqualTo("/posts")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isZero();
    }

    @Test
    void failsAtOnceOnNotFound() throws Exception {
        remote.stubFor(get("/posts").willReturn(aResponse().withStatus(404).withBody("{}")));

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("importPosts: GET " + remote.baseUrl()
                + "/posts answered 404 Not Found: {} (client error, not retried)");
        remote.verify(1, getRequestedFor(urlEqualTo("/posts")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isZero();
    }

    @Test
    void failsAtOnceOnMalformedJsonAndWritesNothingOfThatChunk() throws Exception {
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());
        remote.stubFor(get("/posts").willReturn(okJson("[{\"id\": 1, \"userId\": 1, \"title\": \"a\", \"body\": \"b\"},"
                + " {\"id\": 2, \"userId\": 1, \"title\": \"a\" \"body\": \"b\"}]")));

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription())
                .startsWith("importPosts: GET " + remote.baseUrl() + "/posts answered malformed JSON at item 1 (line 1, column ")
                .contains("Unexpected character ('\"'");
        remote.verify(1, getRequestedFor(urlEqualTo("/posts")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isZero();
    }

    @Test
    void failsOnAnAnswerThatIsNotAnArray() throws Exception {
        remote.stubFor(get("/posts").willReturn(okJson("{\"posts\": []}")));

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription())
                .isEqualTo("importPosts: GET " + remote.baseUrl() + "/posts did not answer a JSON array (it starts with {)");
    }

    @Test
    void skipsInvalidRecordsAndRecordsWhy() throws Exception {
        ArrayNode posts = JsonPlaceholderData.posts();
        ((ObjectNode) posts.get(3)).remove("title");                  // post 4
        ((ObjectNode) posts.get(4)).put("userId", "one");            // post 5
        ((ObjectNode) posts.get(5)).put("title", "x".repeat(256));   // post 6
        posts.set(6, JsonPlaceholderData.JSON.getNodeFactory().numberNode(7)); // item 6: not an object
        ArrayNode comments = JsonPlaceholderData.comments();
        ((ObjectNode) comments.get(0)).put("postId", 9999);          // comment 1: no such post
        ((ObjectNode) comments.get(1)).putNull("email");             // comment 2
        serve(posts, comments);

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(Steps.of(execution, "importPosts").getProcessSkipCount()).isEqualTo(4);
        assertThat(Steps.of(execution, "importPosts").getWriteCount()).isEqualTo(96);
        // the comments of the posts that were refused have no post: refused as well (5 each for posts 4..7)
        assertThat(Steps.of(execution, "importComments").getProcessSkipCount()).isEqualTo(2 + 20);
        assertThat(jdbc.sql("SELECT id FROM posts WHERE id BETWEEN 3 AND 8 ORDER BY id").query(Long.class).list())
                .containsExactly(3L, 8L);
        assertThat(jdbc.sql("SELECT entity, item_index, remote_id, reason FROM import_skip ORDER BY id LIMIT 6")
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getObject(3) + " " + rs.getString(4))
                .list()).containsExactly(
                "POST 3 4 field 'title' is missing",
                "POST 4 5 field 'userId' must be a whole number, got string \"one\"",
                "POST 5 6 field 'title' must be at most 255 characters",
                "POST 6 null not a JSON object: number 7",
                "COMMENT 0 1 post 9999 does not exist",
                "COMMENT 1 2 field 'email' is missing");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_skip WHERE import_execution_id = ? AND raw_item IS NOT NULL")
                .param(execution.getId()).query(Long.class).single()).isEqualTo(26);
    }

    @Test
    void failsWhenInvalidRecordsExceedTheSkipLimit() throws Exception {
        ArrayNode posts = JsonPlaceholderData.posts();
        for (int i = 0; i < 31; i++) {
            ((ObjectNode) posts.get(i)).remove("body");
        }
        serve(posts, JsonPlaceholderData.comments());

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("importPosts: more than 30 invalid records"
                + " (sync.import.skip-limit); the last: field 'body' is missing; see table import_skip");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isZero();
    }

    @Test
    void keepsRecordsWithLocalChangesNotYetExported() throws Exception {
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());
        jobs.startJob(jobs.getUniqueJobParameters());
        // local edits, captured by the triggers, not yet exported
        jdbc.sql("UPDATE posts SET title = 'edited here' WHERE id = 1").update();
        jdbc.sql("DELETE FROM posts WHERE id = 2").update();            // and its 5 comments
        jdbc.sql("UPDATE comments SET body = 'edited here' WHERE id = 20").update();
        List<Map<String, Object>> pending = jdbc.sql("SELECT * FROM change_log ORDER BY id").query().listOfRows();
        assertThat(pending).hasSize(1 + 6 + 1);
        // meanwhile the remote changed posts 1 and 3 and comment 20
        ArrayNode posts = JsonPlaceholderData.posts();
        ((ObjectNode) posts.get(0)).put("title", "changed upstream");
        ((ObjectNode) posts.get(2)).put("title", "changed upstream");
        ArrayNode comments = JsonPlaceholderData.comments();
        ((ObjectNode) comments.get(19)).put("body", "changed upstream");
        serve(posts, comments);

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT title FROM posts WHERE id = 1").query(String.class).single()).isEqualTo("edited here");
        assertThat(jdbc.sql("SELECT title FROM posts WHERE id = 3").query(String.class).single()).isEqualTo("changed upstream");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts WHERE id = 2").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE post_id = 2").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT body FROM comments WHERE id = 20").query(String.class).single()).isEqualTo("edited here");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isEqualTo(99);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single()).isEqualTo(495);
        // the pending changes are still there for the export, untouched
        assertThat(jdbc.sql("SELECT * FROM change_log ORDER BY id").query().listOfRows()).isEqualTo(pending);
        // kept out by the writer, counted, not refused as invalid
        assertThat(Steps.of(execution, "importPosts").getExitStatus().getExitDescription()).isEqualTo("kept local: 2");
        assertThat(Steps.of(execution, "importComments").getExitStatus().getExitDescription()).isEqualTo("kept local: 6");
        assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("kept local: 8");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_skip").query(Long.class).single()).isZero();
    }

    private void serve(ArrayNode posts, ArrayNode comments) {
        remote.stubFor(get("/posts").willReturn(okJson(posts.toString())));
        remote.stubFor(get("/comments").willReturn(okJson(comments.toString())));
    }

    /** Not a method of the test class that returns a StepExecution: @SpringBatchTest would take it for a step scope factory. */
    static final class Steps {
        static StepExecution of(JobExecution execution, String name) {
            return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
        }
    }

    private List<Map<String, Object>> syncedColumns(String table) {
        return jdbc.sql("SELECT * FROM " + table + " ORDER BY id").query().listOfRows().stream()
                .map(row -> {
                    Map<String, Object> synced = new java.util.LinkedHashMap<>(row);
                    synced.remove("created_at");
                    synced.remove("updated_at");
                    return synced;
                }).toList();
    }

    private List<String> postsInDatabase() {
        return jdbc.sql("SELECT id, user_id, title, body, remote_id FROM posts ORDER BY id")
                .query((rs, n) -> rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                        + "|" + rs.getLong(5))
                .list();
    }

    private List<String> commentsInDatabase() {
        return jdbc.sql("SELECT id, post_id, name, email, body, remote_id FROM comments ORDER BY id")
                .query((rs, n) -> rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                        + "|" + rs.getString(5) + "|" + rs.getLong(6))
                .list();
    }

    private static List<String> expectedPosts(ArrayNode posts) {
        return posts.valueStream()
                .map(p -> p.get("id").longValue() + "|" + p.get("userId").longValue() + "|" + p.get("title").stringValue()
                        + "|" + p.get("body").stringValue() + "|" + p.get("id").longValue())
                .sorted(java.util.Comparator.comparingLong(s -> Long.parseLong(s.substring(0, s.indexOf('|')))))
                .toList();
    }

    private static List<String> expectedComments(ArrayNode comments) {
        return comments.valueStream()
                .map(c -> c.get("id").longValue() + "|" + c.get("postId").longValue() + "|" + c.get("name").stringValue()
                        + "|" + c.get("email").stringValue() + "|" + c.get("body").stringValue() + "|"
                        + c.get("id").longValue())
                .sorted(java.util.Comparator.comparingLong(s -> Long.parseLong(s.substring(0, s.indexOf('|')))))
                .toList();
    }
}
