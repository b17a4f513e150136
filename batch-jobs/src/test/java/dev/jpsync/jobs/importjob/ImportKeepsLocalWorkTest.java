package dev.jpsync.jobs.importjob;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The import never overwrites local work: rows created here, rows with changes the remote has not accepted
 * (unexported change-log entries, an open sync failure), also when that work is committed while the import runs.
 */
@SpringBatchTest
@SpringBootTest(properties = {
        "sync.import.chunk-size=50",
        "sync.remote.retry.max-attempts=2",
        "sync.remote.retry.initial-delay=10ms",
        "sync.remote.retry.max-delay=50ms",
        "sync.remote.read-timeout=5s"})
@UseTestDatabase
class ImportKeepsLocalWorkTest {

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

    @BeforeEach
    void emptyDatabase() {
        jobs.setJob(importJob);
        jdbc.sql("SET @sync_capture_off = 1").update();
        for (String table : List.of("comments", "posts", "change_log", "sync_failure", "import_skip")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        jdbc.sql("ALTER TABLE posts AUTO_INCREMENT = 1").update();
        jdbc.sql("ALTER TABLE comments AUTO_INCREMENT = 1").update();
        jdbc.sql("SET @sync_capture_off = NULL").update();
    }

    @Test
    void localOnlyRowsKeepTheirIdsAndTheUpstreamRecordsThatWantedThemGetNewOnes() throws Exception {
        // created here before any import (as the API does: capture on, id from AUTO_INCREMENT)
        jdbc.sql("INSERT INTO posts (user_id, title, body) VALUES (7, 'mine', 'written here')").update();
        jdbc.sql("INSERT INTO comments (post_id, name, email, body) VALUES (1, 'me', 'me@example.org', 'my comment')")
                .update();
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(row("SELECT CONCAT_WS('|', user_id, title, body, COALESCE(remote_id, 'none')) FROM posts WHERE id = 1"))
                .isEqualTo("7|mine|written here|none");
        assertThat(row("SELECT CONCAT_WS('|', post_id, name, body, COALESCE(remote_id, 'none')) FROM comments WHERE id = 1"))
                .isEqualTo("1|me|my comment|none");
        // upstream post 1 and comment 1 got new local ids and keep their remote ids
        long post1 = jdbc.sql("SELECT id FROM posts WHERE remote_id = 1").query(Long.class).single();
        assertThat(post1).isEqualTo(101);
        assertThat(row("SELECT title FROM posts WHERE id = 101")).isEqualTo(JsonPlaceholderData.posts().get(0).get("title").stringValue());
        assertThat(jdbc.sql("SELECT id FROM comments WHERE remote_id = 1").query(Long.class).single()).isEqualTo(501);
        // upstream's comments of post 1 hang under its local id
        assertThat(jdbc.sql("SELECT remote_id FROM comments WHERE post_id = 101 ORDER BY remote_id").query(Long.class).list())
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isEqualTo(101);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single()).isEqualTo(501);
        // the two creations are still waiting for the export, as created
        assertThat(jdbc.sql("SELECT CONCAT(entity, ' ', entity_id, ' ', op) FROM change_log ORDER BY id").query(String.class).list())
                .containsExactly("POST 1 CREATE", "COMMENT 1 CREATE");

        // a second run finds every upstream record by its remote id: nothing moves, nothing is added
        JobExecution again = jobs.startJob(jobs.getUniqueJobParameters());
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isEqualTo(101);
        assertThat(jdbc.sql("SELECT id FROM posts WHERE remote_id = 1").query(Long.class).single()).isEqualTo(101);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single()).isEqualTo(501);
        assertThat(again.getExitStatus().getExitDescription()).isEqualTo("kept local: 0");

        // upstream's post 1, living here as post 101, is deleted here (with its comments): a third run must not
        // bring it back before the export has sent the deletion, although its local id is not its remote id
        jdbc.sql("DELETE FROM posts WHERE id = 101").update();
        JobExecution third = jobs.startJob(jobs.getUniqueJobParameters());
        assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts WHERE remote_id = 1").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE remote_id BETWEEN 1 AND 5").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isEqualTo(100);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single()).isEqualTo(496);
        assertThat(third.getExitStatus().getExitDescription()).isEqualTo("kept local: 6");
    }

    @Test
    void aPostCreatedWhileTheFirstImportsPostsStepRunsKeepsItsContentAndGetsNoRemoteId() throws Exception {
        remote.stubFor(get("/posts").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(JsonPlaceholderData.posts().toString()).withChunkedDribbleDelay(40, 3000)));
        remote.stubFor(get("/comments").willReturn(okJson(JsonPlaceholderData.comments().toString())));

        CompletableFuture<JobExecution> running = importInBackground();
        waitAtMost30s().until(() -> jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single() >= 50);
        // the API's insert: capture on, the next AUTO_INCREMENT id (51, an id upstream uses too)
        jdbc.sql("INSERT INTO posts (user_id, title, body) VALUES (7, 'created during the import', 'mine')").update();
        long localId = jdbc.sql("SELECT id FROM posts WHERE title = 'created during the import'").query(Long.class).single();
        JobExecution execution = running.get(60, TimeUnit.SECONDS);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(Steps.of(execution, "importPosts").getWriteCount()).isEqualTo(100);
        assertThat(row("SELECT CONCAT_WS('|', user_id, title, body, COALESCE(remote_id, 'none')) FROM posts WHERE id = " + localId))
                .isEqualTo("7|created during the import|mine|none");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts WHERE remote_id IS NOT NULL").query(Long.class).single()).isEqualTo(100);
        // the creation is still in the change log as the user made it, ready to be exported as a new post
        assertThat(jdbc.sql("SELECT CONCAT(entity_id, ' ', op, ' ', JSON_UNQUOTE(JSON_EXTRACT(payload, '$.title'))) FROM change_log")
                .query(String.class).list()).containsExactly(localId + " CREATE created during the import");
        // upstream's post with that id lives under another local id, with its own comments
        long moved = jdbc.sql("SELECT id FROM posts WHERE remote_id = ?").param(localId).query(Long.class).single();
        assertThat(moved).isNotEqualTo(localId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE post_id = ?").param(moved).query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE post_id = ?").param(localId).query(Long.class).single()).isZero();
    }

    @Test
    void rowsWithUnexportedEntriesOrAnOpenSyncFailureKeepTheirLocalValuesAcrossAReimport() throws Exception {
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());
        jobs.startJob(jobs.getUniqueJobParameters());
        // post 5: edited here, the export found the remote refusing it (422), recorded the failure and archived the entry
        jdbc.sql("UPDATE posts SET title = 'refused upstream' WHERE id = 5").update();
        refusedByTheRemote("POST", 5);
        // comment 7: the same, but an operator re-queued the failure: the entry is back in the change log
        jdbc.sql("UPDATE comments SET body = 'refused, then re-queued' WHERE id = 7").update();
        refusedByTheRemote("COMMENT", 7);
        jdbc.sql("UPDATE sync_failure SET requeued_at = NOW(6) WHERE entity = 'COMMENT'").update();
        jdbc.sql("UPDATE comments SET body = 'refused, then re-queued, then edited' WHERE id = 7").update();
        // comment 8: a failure re-queued long ago and since accepted: nothing local is left
        jdbc.sql("INSERT INTO sync_failure (entity, entity_id, op, payload, reason, attempts, requeued_at)"
                + " VALUES ('COMMENT', 8, 'UPDATE', '{}', 'old', 1, NOW(6))").update();
        // post 9: edited here, not yet exported
        jdbc.sql("UPDATE posts SET body = 'not yet exported' WHERE id = 9").update();
        // upstream changed all of them, and post 10
        ArrayNode posts = JsonPlaceholderData.posts();
        for (int index : new int[] {4, 8, 9}) {
            ((ObjectNode) posts.get(index)).put("title", "changed upstream").put("body", "changed upstream");
        }
        ArrayNode comments = JsonPlaceholderData.comments();
        ((ObjectNode) comments.get(6)).put("body", "changed upstream");
        ((ObjectNode) comments.get(7)).put("body", "changed upstream");
        serve(posts, comments);

        JobExecution execution = jobs.startJob(jobs.getUniqueJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(row("SELECT title FROM posts WHERE id = 5")).isEqualTo("refused upstream");
        assertThat(row("SELECT body FROM posts WHERE id = 9")).isEqualTo("not yet exported");
        assertThat(row("SELECT title FROM posts WHERE id = 9")).isEqualTo(JsonPlaceholderData.posts().get(8).get("title").stringValue());
        assertThat(row("SELECT title FROM posts WHERE id = 10")).isEqualTo("changed upstream");
        assertThat(row("SELECT body FROM comments WHERE id = 7")).isEqualTo("refused, then re-queued, then edited");
        assertThat(row("SELECT body FROM comments WHERE id = 8")).isEqualTo("changed upstream");
        assertThat(Steps.of(execution, "importPosts").getExitStatus().getExitDescription()).contains("kept local: 2");
        assertThat(Steps.of(execution, "importComments").getExitStatus().getExitDescription()).contains("kept local: 1");
        assertThat(execution.getExitStatus().getExitDescription()).contains("kept local: 3");
    }

    @Test
    void anEditCommittedBetweenTwoChunksOfThePostsStepIsNotOverwritten() throws Exception {
        serve(JsonPlaceholderData.posts(), JsonPlaceholderData.comments());
        jobs.startJob(jobs.getUniqueJobParameters());
        ArrayNode posts = JsonPlaceholderData.posts();
        posts.valueStream().forEach(post -> ((ObjectNode) post).put("title", "changed upstream"));
        remote.stubFor(get("/posts").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(posts.toString()).withChunkedDribbleDelay(40, 3000)));

        CompletableFuture<JobExecution> running = importInBackground();
        waitAtMost30s().until(() -> "changed upstream".equals(row("SELECT title FROM posts WHERE id = 1")));
        jdbc.sql("UPDATE posts SET title = 'edited during the import' WHERE id = 80").update();
        JobExecution execution = running.get(60, TimeUnit.SECONDS);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(row("SELECT title FROM posts WHERE id = 80")).isEqualTo("edited during the import");
        assertThat(row("SELECT title FROM posts WHERE id = 79")).isEqualTo("changed upstream");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts WHERE title = 'changed upstream'").query(Long.class).single()).isEqualTo(99);
        assertThat(execution.getExitStatus().getExitDescription()).contains("kept local: 1");
    }

    @Test
    void aRestartAfterUpstreamInsertedARecordBeforeTheFailurePointNeitherSkipsNorRepeats() throws Exception {
        ArrayNode all = JsonPlaceholderData.comments();
        ArrayNode withoutTen = all.deepCopy();
        withoutTen.remove(9); // comment 10 does not exist upstream yet
        String whole = withoutTen.toString();
        // the body ends in the middle of comment 231 (item 229): chunks up to item 199 (comment 201) commit
        String truncated = whole.substring(0, whole.indexOf("{\"postId\":47,\"id\":231") + 30);
        remote.stubFor(get("/posts").willReturn(okJson(JsonPlaceholderData.posts().toString())));
        remote.stubFor(get("/comments").willReturn(okJson(truncated)));

        JobExecution failed = jobs.startJob(jobs.getUniqueJobParameters());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.sql("SELECT MAX(remote_id) FROM comments").query(Long.class).single()).isEqualTo(201);

        // meanwhile upstream gained comment 10, before the failure point
        remote.stubFor(get("/comments").willReturn(okJson(all.toString())));
        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // exactly comments 202..500 read after the restart: none of 200, 201 again, none left out
        assertThat(Steps.of(restarted, "importComments").getReadCount()).isEqualTo(299);
        assertThat(Steps.of(restarted, "importComments").getWriteCount()).isEqualTo(299);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE remote_id BETWEEN 202 AND 500").query(Long.class).single())
                .isEqualTo(299);
    }

    @Test
    void aRestartCountsElementsWhenTheRemoteDidNotAnswerInIdOrder() throws Exception {
        ArrayNode reversed = JsonPlaceholderData.JSON.createArrayNode();
        ArrayNode all = JsonPlaceholderData.comments();
        for (int i = all.size() - 1; i >= 0; i--) {
            reversed.add(all.get(i));
        }
        String whole = reversed.toString();
        // the body ends in the middle of comment 270 (item 230): chunks up to item 199 (comment 301) commit
        String truncated = whole.substring(0, whole.indexOf("{\"postId\":54,\"id\":270") + 30);
        remote.stubFor(get("/posts").willReturn(okJson(JsonPlaceholderData.posts().toString())));
        remote.stubFor(get("/comments").willReturn(okJson(truncated)));

        JobExecution failed = jobs.startJob(jobs.getUniqueJobParameters());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.sql("SELECT MIN(remote_id) FROM comments").query(Long.class).single()).isEqualTo(301);

        remote.stubFor(get("/comments").willReturn(okJson(whole)));
        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // ids 500, 499, ... never ascend: the restart skips the 200 elements handed out and reads the other 300
        assertThat(Steps.of(restarted, "importComments").getReadCount()).isEqualTo(300);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single()).isEqualTo(500);
    }

    /** An anonymous class, not a lambda: @SpringBatchTest takes any method returning a JobExecution for a factory. */
    private CompletableFuture<JobExecution> importInBackground() {
        return CompletableFuture.supplyAsync(new Supplier<JobExecution>() {
            @Override
            public JobExecution get() {
                try {
                    return jobs.startJob(jobs.getUniqueJobParameters());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** What the export does when the remote refuses a change: the failure recorded, the entries archived. */
    private void refusedByTheRemote(String entity, long id) {
        jdbc.sql("INSERT INTO sync_failure (entity, entity_id, op, payload, http_method, url, http_status, reason, attempts)"
                        + " SELECT entity, entity_id, op, payload, 'PUT', '/x', 422, 'refused', 1 FROM change_log"
                        + " WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1")
                .params(entity, id).update();
        jdbc.sql("DELETE FROM change_log WHERE entity = ? AND entity_id = ?").params(entity, id).update();
    }

    private String row(String sql) {
        return jdbc.sql(sql).query(String.class).optional().orElse(null);
    }

    private static org.awaitility.core.ConditionFactory waitAtMost30s() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20));
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
}
