package dev.jpsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.testsupport.MigratedSchema;

/** The one DAO over sync_failure, on the real schema: the export's side (record, count) and the operator's (list, re-queue). */
class SyncFailureRepositoryTest {

    private static MigratedSchema db;
    private static JdbcTemplate jdbc;
    private static SyncFailureRepository failures;

    @BeforeAll
    static void migrate() {
        db = MigratedSchema.create("syncfailure", 1); // one connection: @sync_capture_off applies to every statement
        jdbc = new JdbcTemplate(db.dataSource());
        failures = new SyncFailureRepository(JdbcClient.create(db.dataSource()));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        jdbc.execute("SET @sync_capture_off = 1");
        jdbc.execute("DELETE FROM comments");
        jdbc.execute("DELETE FROM posts");
        jdbc.execute("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (1, 3, 'now', 'current body', 1)");
        jdbc.execute("INSERT INTO posts (id, user_id, title, body) VALUES (2, 3, 'local', 'never sent')");
        jdbc.execute("SET @sync_capture_off = NULL");
        jdbc.execute("DELETE FROM change_log");
        jdbc.execute("DELETE FROM sync_failure");
    }

    private static SyncFailure refusal(long entityId, ChangeOp op, long executionId, String snippet) {
        return SyncFailure.refused(EntityKind.POST, entityId, op, "{\"title\":\"old\"}", "PUT",
                "http://remote/posts/" + entityId, 404, snippet, "the remote refused the PUT (HTTP 404)", 1, executionId);
    }

    @Test
    void recordsWhatTheExportWasRefusedCutToTheSnippetLength() {
        failures.record(refusal(1, ChangeOp.UPDATE, 7, "x".repeat(5000)));
        failures.record(SyncFailure.refused(EntityKind.COMMENT, 9, ChangeOp.CREATE, "{}", null, null, null, null,
                "post 3 of this comment is not on the remote", 0, 7L));
        failures.record(refusal(2, ChangeOp.CREATE, 8, "{}"));

        assertThat(failures.count()).isEqualTo(3);
        assertThat(failures.countForExecutions(List.of(7L))).isEqualTo(2);
        assertThat(failures.countForExecutions(List.of(7L, 8L))).isEqualTo(3);
        assertThat(failures.countForExecutions(List.of(99L))).isZero();

        List<SyncFailure> all = failures.findAll(); // oldest first
        assertThat(all).extracting(SyncFailure::entityId).containsExactly(1L, 9L, 2L);
        SyncFailure first = all.get(0);
        assertThat(first.id()).isNotNull();
        assertThat(first.failedAt()).isNotNull();
        assertThat(first.requeuedAt()).isNull();
        assertThat(first.responseSnippet()).hasSize(SyncFailure.SNIPPET_LENGTH);
        assertThat(first.httpStatus()).isEqualTo(404);
        assertThat(all.get(1).httpStatus()).isNull();
        assertThat(all.get(1).entity()).isEqualTo(EntityKind.COMMENT);

        // operators page newest first
        assertThat(failures.findPage(0, 2)).extracting(SyncFailure::entityId).containsExactly(2L, 9L);
        assertThat(failures.findPage(2, 2)).extracting(SyncFailure::entityId).containsExactly(1L);
        assertThat(failures.findById(first.id())).contains(first);
    }

    @Test
    void requeueLogsTheCurrentStateOnceAndOnlyForExistingRecords() {
        failures.record(refusal(1, ChangeOp.CREATE, 7, "{}"));
        failures.record(refusal(2, ChangeOp.UPDATE, 7, "{}"));
        List<SyncFailure> all = failures.findAll();
        long createdSince = all.get(0).id();
        long update = all.get(1).id();

        SyncFailureRepository.Retry retry = failures.requeue(createdSince);
        assertThat(retry.outcome()).isEqualTo(SyncFailureRepository.Outcome.REQUEUED);
        assertThat(retry.failure().requeuedAt()).isNotNull();
        Map<String, Object> logged = jdbc.queryForMap("SELECT entity, entity_id, op, payload FROM change_log WHERE id = ?",
                retry.changeId());
        // a CREATE whose record has a remote id by now goes in as UPDATE, with today's state, not the refused one
        assertThat(logged).containsEntry("entity", "POST").containsEntry("op", "UPDATE");
        assertThat((String) logged.get("payload")).contains("current body").doesNotContain("old");

        assertThat(failures.requeue(createdSince).outcome()).isEqualTo(SyncFailureRepository.Outcome.ALREADY_REQUEUED);
        assertThat(failures.requeue(123456).outcome()).isEqualTo(SyncFailureRepository.Outcome.NOT_FOUND);

        jdbc.execute("SET @sync_capture_off = 1");
        jdbc.execute("DELETE FROM posts WHERE id = 2");
        jdbc.execute("SET @sync_capture_off = NULL");
        assertThat(failures.requeue(update).outcome()).isEqualTo(SyncFailureRepository.Outcome.RECORD_GONE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change_log", Long.class)).isEqualTo(1);
    }
}
