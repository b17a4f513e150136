package dev.jpsync.jobs.verifyjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.jobs.exportjob.InMemoryRemote;
import dev.jpsync.jobs.verifyjob.RepairStep.Outcome;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verify, repair, export, verify again against a remote that keeps what it is sent: a repair from either side
 * leaves nothing to report.
 */
@SpringBootTest(properties = {"sync.verify.chunk-size=2",
        "sync.remote.retry.max-attempts=1"})
@UseTestDatabase
class DriftRepairTest {

    static final InMemoryRemote remote = InMemoryRemote.forTestClass(0);
    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void remoteUrl(DynamicPropertyRegistry registry) {
        registry.add("sync.remote.base-url", remote::baseUrl);
    }

    @AfterAll
    static void stopRemote() {
        remote.close();
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaptureSuppression captureSuppression;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier("verifyJob")
    Job verifyJob;
    @Autowired
    @Qualifier("exportJob")
    Job exportJob;
    @Autowired
    DriftReportRepository report;
    @Autowired
    DriftRepair repair;

    /**
     * Posts 1, 2, 4 and comments 11, 12 on both sides; then post 2 changed on the remote behind our back, comment 12
     * deleted there, comment 13 only there, post 4 edited here and not exported yet.
     */
    @BeforeEach
    void fourDifferences() {
        remote.posts().clear();
        remote.comments().clear();
        captureSuppression.run(() -> {
            jdbc.update("DELETE FROM comments");
            jdbc.update("DELETE FROM posts");
        });
        for (String table : List.of("change_log", "change_log_outcome", "change_log_archive", "drift_report",
                "verify_seen", "sync_repair", "sync_failure")) {
            jdbc.update("DELETE FROM " + table);
        }
        for (long id : List.of(1L, 2L, 4L)) {
            captureSuppression.run(() -> jdbc.update(
                    "INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (?, 1, ?, 'body', ?)", id, "post " + id, id));
            remote.posts().put(id, post(id, "post " + id));
        }
        for (long id : List.of(11L, 12L)) {
            captureSuppression.run(() -> jdbc.update("INSERT INTO comments (id, post_id, name, email, body, remote_id) "
                    + "VALUES (?, 1, 'n', 'e@x', 'c', ?)", id, id));
            remote.comments().put(id, comment(id, 1));
        }
        remote.posts().put(2L, post(2, "changed there"));
        remote.comments().remove(12L);
        remote.comments().put(13L, comment(13, 1));
        jdbc.update("UPDATE posts SET title = 'edited here' WHERE id = 4");
    }

    @Test
    void aLocalTruthRepairThenAnExportLeavesNothingToReport() throws Exception {
        JobExecution first = run(verifyJob);
        assertThat(report.counts(first.getId())).containsEntry(DriftKind.DIFFERS, 1L)
                .containsEntry(DriftKind.MISSING_REMOTE, 1L).containsEntry(DriftKind.MISSING_LOCAL, 1L)
                .containsEntry(DriftKind.PENDING, 1L);

        RepairResult result = repair.repairReport(first.getId(), SourceOfTruth.LOCAL, RepairScope.ALL, false);

        assertThat(result.steps()).extracting(RepairStep::kind, RepairStep::action, RepairStep::outcome)
                .containsExactlyInAnyOrder(
                        tuple(DriftKind.DIFFERS, "PUT /posts/2 (next export)", Outcome.DONE),
                        tuple(DriftKind.PENDING, "pending: the next export sends the local changes", Outcome.SKIPPED),
                        tuple(DriftKind.MISSING_REMOTE, "POST /comments (next export)", Outcome.DONE),
                        tuple(DriftKind.MISSING_LOCAL, "DELETE /comments/13 (next export)", Outcome.DONE));
        // done once: a second repair finds the rows repaired
        assertThat(repair.repairReport(first.getId(), SourceOfTruth.LOCAL, RepairScope.ALL, false).totals())
                .isEqualTo(Map.of(Outcome.SKIPPED, 4L));

        assertThat(run(exportJob).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(remote.posts().get(2L).get("title").asString()).isEqualTo("post 2");
        assertThat(remote.comments()).doesNotContainKey(13L);

        JobExecution second = run(verifyJob);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(report.page(second.getId(), 0, 100)).isEmpty();
        assertThat(second.getExitStatus().getExitDescription()).contains("no drift; 0 pending");
    }

    @Test
    void aRemoteTruthRepairWritesTheRemotesVersionWithoutCaptureAndMarksTheHistory() throws Exception {
        JobExecution first = run(verifyJob);
        DriftEntry changed = report.page(first.getId(), 0, 100).stream()
                .filter(row -> row.kind() == DriftKind.DIFFERS).findFirst().orElseThrow();
        long logged = count("SELECT COUNT(*) FROM change_log");

        RepairResult dryRun = repair.repairRow(changed.id(), SourceOfTruth.REMOTE, RepairScope.ALL, true).orElseThrow();
        assertThat(dryRun.steps()).extracting(RepairStep::action, RepairStep::outcome)
                .containsExactly(tuple("UPDATE posts 2 [title]", Outcome.PLANNED));
        assertThat(jdbc.queryForObject("SELECT title FROM posts WHERE id = 2", String.class)).isEqualTo("post 2");
        assertThat(report.findById(changed.id()).orElseThrow().repairedAt()).isNull();

        RepairResult done = repair.repairRow(changed.id(), SourceOfTruth.REMOTE, RepairScope.ALL, false).orElseThrow();

        assertThat(done.steps()).extracting(RepairStep::outcome).containsExactly(Outcome.DONE);
        assertThat(jdbc.queryForObject("SELECT title FROM posts WHERE id = 2", String.class)).isEqualTo("changed there");
        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(logged); // nothing to send back
        assertThat(jdbc.queryForList("SELECT entity, entity_id, remote_id, source_of_truth FROM sync_repair"))
                .containsExactly(Map.of("entity", "POST", "entity_id", 2L, "remote_id", 2L, "source_of_truth", "REMOTE"));

        // the rest from the remote's side too, then the pending edit exported: nothing left to report
        RepairResult rest = repair.repairReport(first.getId(), SourceOfTruth.REMOTE, RepairScope.ALL, false);
        assertThat(rest.steps()).extracting(RepairStep::kind, RepairStep::outcome).containsExactlyInAnyOrder(
                tuple(DriftKind.DIFFERS, Outcome.SKIPPED), tuple(DriftKind.PENDING, Outcome.SKIPPED),
                tuple(DriftKind.MISSING_REMOTE, Outcome.DONE), tuple(DriftKind.MISSING_LOCAL, Outcome.DONE));
        assertThat(count("SELECT COUNT(*) FROM comments WHERE id = 12")).isZero();
        assertThat(count("SELECT COUNT(*) FROM comments WHERE remote_id = 13")).isEqualTo(1);
        assertThat(run(exportJob).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        JobExecution second = run(verifyJob);
        assertThat(report.page(second.getId(), 0, 100)).isEmpty();
    }

    @Test
    void insertOnlyAndUpsertOnlyLeaveDeletesAndUpdatesAlone() throws Exception {
        JobExecution first = run(verifyJob);
        long logged = count("SELECT COUNT(*) FROM change_log");

        RepairResult insertOnly = repair.repairReport(first.getId(), SourceOfTruth.LOCAL, RepairScope.INSERT_ONLY, false);
        assertThat(insertOnly.steps()).extracting(RepairStep::kind, RepairStep::outcome).containsExactlyInAnyOrder(
                tuple(DriftKind.DIFFERS, Outcome.SKIPPED), tuple(DriftKind.PENDING, Outcome.SKIPPED),
                tuple(DriftKind.MISSING_REMOTE, Outcome.DONE), tuple(DriftKind.MISSING_LOCAL, Outcome.SKIPPED));
        RepairResult upsertOnly = repair.repairReport(first.getId(), SourceOfTruth.LOCAL, RepairScope.UPSERT_ONLY, false);
        assertThat(upsertOnly.totals()).isEqualTo(Map.of(Outcome.DONE, 1L, Outcome.SKIPPED, 3L));
        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(logged + 2);
        assertThat(count("SELECT COUNT(*) FROM change_log WHERE op = 'DELETE'")).isZero();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private JobExecution run(Job job) throws Exception {
        return jobOperator.start(job, new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters());
    }

    private static ObjectNode post(long id, String title) {
        ObjectNode post = json.createObjectNode();
        post.put("userId", 1);
        post.put("id", id);
        post.put("title", title);
        post.put("body", "body");
        return post;
    }

    private static ObjectNode comment(long id, long postId) {
        ObjectNode comment = json.createObjectNode();
        comment.put("postId", postId);
        comment.put("id", id);
        comment.put("name", "n");
        comment.put("email", "e@x");
        comment.put("body", "c");
        return comment;
    }
}
