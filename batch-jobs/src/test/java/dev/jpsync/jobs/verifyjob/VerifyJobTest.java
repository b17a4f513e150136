package dev.jpsync.jobs.verifyjob;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;


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

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.testsupport.UseTestDatabase;

/** The verify job against a WireMock remote, on the real (embedded) database. */
@SpringBootTest(properties = {"sync.remote.retry.max-attempts=1", "sync.verify.chunk-size=2"})
@UseTestDatabase
class VerifyJobTest {

    static final WireMockServer remote = new WireMockServer(options().dynamicPort());

    static {
        remote.start();
    }

    @DynamicPropertySource
    static void remoteUrl(DynamicPropertyRegistry registry) {
        registry.add("sync.remote.base-url", remote::baseUrl);
    }

    @AfterAll
    static void stopRemote() {
        remote.stop();
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
    DriftReportRepository report;

    @BeforeEach
    void emptyDatabaseAndRemote() {
        remote.resetAll();
        captureSuppression.run(() -> {
            jdbc.update("DELETE FROM comments");
            jdbc.update("DELETE FROM posts");
        });
        for (String table : List.of("change_log", "change_log_outcome", "change_log_archive", "drift_report",
                "verify_seen")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    @Test
    void plantedDifferencesAreExactlyTheFourRowsOfTheReport() throws Exception {
        // in step: posts 1 and 5 and comment 11
        imported("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (1, 1, 'one', 'b1', 1)");
        imported("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (5, 1, 'five', 'b5', 5)");
        imported("INSERT INTO comments (id, post_id, name, email, body, remote_id) VALUES (11, 1, 'n', 'e@x', 'c', 11)");
        // changed on the remote behind our back
        imported("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (2, 1, 'two', 'b2', 2)");
        // deleted on the remote
        imported("INSERT INTO comments (id, post_id, name, email, body, remote_id) VALUES (12, 1, 'n', 'e@x', 'c', 12)");
        // on the remote only: deleted here without capture (e.g. by hand)
        // pending: edited here, not exported yet
        imported("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (4, 1, 'four', 'b4', 4)");
        jdbc.update("UPDATE posts SET title = 'four, edited here' WHERE id = 4");
        remote.stubFor(get("/posts").willReturn(okJson("""
                [{"userId": 1, "id": 1, "title": "one", "body": "b1"},
                 {"userId": 1, "id": 2, "title": "two, changed there", "body": "b2"},
                 {"userId": 1, "id": 4, "title": "four", "body": "b4"},
                 {"userId": 1, "id": 5, "title": "five", "body": "b5"}]""")));
        remote.stubFor(get("/comments").willReturn(okJson("""
                [{"postId": 1, "id": 11, "name": "n", "email": "e@x", "body": "c"},
                 {"postId": 5, "id": 13, "name": "only there", "email": "o@x", "body": "c13"}]""")));
        long changeLogBefore = count("SELECT COUNT(*) FROM change_log");

        JobExecution execution = runVerify();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<DriftEntry> rows = report.page(execution.getId(), 0, 100);
        assertThat(rows).extracting(DriftEntry::entity, DriftEntry::localId, DriftEntry::remoteId, DriftEntry::kind,
                        DriftEntry::fields)
                .containsExactlyInAnyOrder(
                        tuple(dev.jpsync.domain.EntityKind.POST, 2L, 2L, DriftKind.DIFFERS, List.of("title")),
                        tuple(dev.jpsync.domain.EntityKind.POST, 4L, 4L, DriftKind.PENDING, List.of("title")),
                        tuple(dev.jpsync.domain.EntityKind.COMMENT, 12L, 12L, DriftKind.MISSING_REMOTE, List.of()),
                        tuple(dev.jpsync.domain.EntityKind.COMMENT, null, 13L, DriftKind.MISSING_LOCAL, List.of()));
        DriftEntry changed = rows.stream().filter(r -> r.kind() == DriftKind.DIFFERS).findFirst().orElseThrow();
        assertThat(changed.remoteState().get("title").asString()).isEqualTo("two, changed there");
        assertThat(changed.localState().get("title").asString()).isEqualTo("two");
        assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("4 remote posts and 2 remote comments "
                + "compared: 3 differences (1 differ, 1 missing on the remote, 1 missing here); 1 pending (not drift)");
        // neither side changed: only GETs went out, the records and the change log are as they were
        assertThat(remote.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
        assertThat(remote.findAll(getRequestedFor(anyUrl()))).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(changeLogBefore);
        assertThat(jdbc.queryForObject("SELECT title FROM posts WHERE id = 2", String.class)).isEqualTo("two");
        assertThat(count("SELECT COUNT(*) FROM comments WHERE id = 12")).isEqualTo(1);
        // the scratch list of seen ids is emptied by the run
        assertThat(count("SELECT COUNT(*) FROM verify_seen")).isZero();
    }

    @Test
    void aRecordThatNeverReachedTheRemoteIsMissingThereAndARecreatedOnePendingWhenItsDeletionIsQueued() throws Exception {
        // created here, its POST refused earlier: no remote id, no pending entry
        imported("INSERT INTO posts (id, user_id, title, body) VALUES (7, 1, 'refused', 'b7')");
        // deleted here, its DELETE not exported yet: the remote still lists it, which is no drift
        imported("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (8, 1, 'eight', 'b8', 8)");
        jdbc.update("DELETE FROM posts WHERE id = 8");
        remote.stubFor(get("/posts").willReturn(okJson("[{\"userId\": 1, \"id\": 8, \"title\": \"eight\", \"body\": \"b8\"}]")));
        remote.stubFor(get("/comments").willReturn(okJson("[]")));

        JobExecution execution = runVerify();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(report.page(execution.getId(), 0, 100))
                .extracting(DriftEntry::localId, DriftEntry::remoteId, DriftEntry::kind)
                .containsExactlyInAnyOrder(tuple(7L, null, DriftKind.MISSING_REMOTE), tuple(null, 8L, DriftKind.PENDING));
    }

    @Test
    void aRemoteThatCannotBeReadFailsTheRunWithoutAReport() throws Exception {
        imported("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (1, 1, 'one', 'b1', 1)");
        remote.stubFor(get("/posts").willReturn(okJson("{\"not\": \"an array\"}")));

        JobExecution execution = runVerify();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription()).contains("did not answer a JSON array")
                .contains("Neither side was changed");
        assertThat(report.count(execution.getId())).isZero();
        // the latest report stays that of the last completed run
        assertThat(report.latestReport()).isNotEqualTo(java.util.OptionalLong.of(execution.getId()));
    }

    private void imported(String sql) {
        captureSuppression.run(() -> jdbc.update(sql));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private JobExecution runVerify() throws Exception {
        return jobOperator.start(verifyJob, new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters());
    }

}
