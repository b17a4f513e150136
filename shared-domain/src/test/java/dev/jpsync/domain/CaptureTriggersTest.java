package dev.jpsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dev.jpsync.testsupport.MigratedSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The capture contract of V2__capture_triggers.sql, rule by rule, against the real database. */
class CaptureTriggersTest {

    private static MigratedSchema db;
    private static JdbcTemplate jdbc;
    private static ChangeLogRepository changeLog;
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void migrate() {
        db = MigratedSchema.create("capture", 1); // one pooled connection: every borrower gets the same one
        jdbc = new JdbcTemplate(db.dataSource());
        changeLog = new ChangeLogRepository(JdbcClient.create(db.dataSource()));
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
        jdbc.execute("SET @sync_capture_off = NULL");
        jdbc.execute("DELETE FROM change_log");
    }

    // Rule 1: writes by any client are captured, the app's and plain SQL on another connection alike.

    @Test
    void capturesInsertUpdateDeleteMadeThroughTheAppsPool() throws Exception {
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (1, 7, 'hello', 'world')");
        jdbc.update("UPDATE posts SET title = 'hello again' WHERE id = 1");
        jdbc.update("DELETE FROM posts WHERE id = 1");

        List<Change> log = changeLog.findAll();
        assertThat(log).extracting(Change::entity, Change::entityId, Change::op).containsExactly(
                tuple(EntityKind.POST, 1L, ChangeOp.CREATE),
                tuple(EntityKind.POST, 1L, ChangeOp.UPDATE),
                tuple(EntityKind.POST, 1L, ChangeOp.DELETE));
        JsonNode created = json.readTree(log.get(0).payload());
        assertThat(created.get("userId").asLong()).isEqualTo(7);
        assertThat(created.get("title").asString()).isEqualTo("hello");
        assertThat(created.get("body").asString()).isEqualTo("world");
        assertThat(json.readTree(log.get(1).payload()).get("title").asString()).isEqualTo("hello again");
        // DELETE carries the old state, so the export still knows what (and which remote id) to delete
        assertThat(json.readTree(log.get(2).payload()).get("title").asString()).isEqualTo("hello again");
        assertThat(log.get(0).changedAt()).isBeforeOrEqualTo(log.get(2).changedAt());
    }

    @Test
    void capturesPlainSqlRunByHandOnItsOwnConnection() throws Exception {
        try (Connection byHand = db.schema().connect(); Statement st = byHand.createStatement()) {
            st.executeUpdate("INSERT INTO posts (user_id, title, body) VALUES (3, 't', 'b')");
            st.executeUpdate("INSERT INTO comments (post_id, name, email, body) "
                    + "SELECT id, 'n', 'a@b.c', 'c' FROM posts WHERE title = 't'");
            st.executeUpdate("UPDATE comments SET body = 'changed'");
        }
        assertThat(changeLog.findAll()).extracting(Change::entity, Change::op).containsExactly(
                tuple(EntityKind.POST, ChangeOp.CREATE),
                tuple(EntityKind.COMMENT, ChangeOp.CREATE),
                tuple(EntityKind.COMMENT, ChangeOp.UPDATE));
        JsonNode comment = json.readTree(changeLog.findAll().get(2).payload());
        assertThat(comment.get("body").asString()).isEqualTo("changed");
        assertThat(comment.get("email").asString()).isEqualTo("a@b.c");
        assertThat(comment.has("postId")).isTrue();
    }

    @Test
    void timestampsDefaultSoAPlainInsertNeedsOnlyTheDataColumns() {
        jdbc.update("INSERT INTO posts (user_id, title, body) VALUES (1, 'a', 'b')");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM posts WHERE created_at IS NOT NULL "
                + "AND updated_at IS NOT NULL AND remote_id IS NULL", Integer.class)).isEqualTo(1);
    }

    // Rule 2: the session flag suppresses capture for that connection only, and the helper always resets it.

    @Test
    void sessionFlagSuppressesCaptureForItsOwnConnectionOnly() throws Exception {
        try (Connection quiet = db.schema().connect(); Connection other = db.schema().connect();
             Statement q = quiet.createStatement(); Statement o = other.createStatement()) {
            q.execute("SET @sync_capture_off = 1");
            q.executeUpdate("INSERT INTO posts (id, user_id, title, body) VALUES (10, 1, 'quiet', 'b')");
            o.executeUpdate("INSERT INTO posts (id, user_id, title, body) VALUES (11, 1, 'loud', 'b')");
            q.executeUpdate("UPDATE posts SET title = 'quiet 2' WHERE id = 10");
            q.executeUpdate("DELETE FROM posts WHERE id = 10");
        }
        assertThat(changeLog.findAll()).extracting(Change::entityId).containsExactly(11L);
    }

    @Test
    void helperSwitchesCaptureBackOnAfterItsWork() {
        CaptureSuppression suppression = suppression();
        suppression.run(() -> jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (20, 1, 'a', 'b')"));
        // the pool has a single connection: this statement runs on the very connection the helper used
        jdbc.update("UPDATE posts SET title = 'captured' WHERE id = 20");

        assertThat(changeLog.findAll()).extracting(Change::entityId, Change::op)
                .containsExactly(tuple(20L, ChangeOp.UPDATE));
        assertThat(jdbc.queryForObject("SELECT @sync_capture_off", Integer.class)).isNull();
    }

    @Test
    void helperSwitchesCaptureBackOnWhenTheWorkThrows() {
        CaptureSuppression suppression = suppression();
        assertThatThrownBy(() -> suppression.run(() -> {
            jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (30, 1, 'a', 'b')");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (31, 1, 'next user', 'b')");
        assertThat(jdbc.queryForObject("SELECT @sync_capture_off", Integer.class)).isNull();
        assertThat(changeLog.findAll()).extracting(Change::entityId).containsExactly(31L);
        // the failed block was rolled back as a whole
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM posts WHERE id = 30", Integer.class)).isZero();
    }

    @Test
    void nestedHelperKeepsTheOuterBlockQuiet() {
        CaptureSuppression suppression = suppression();
        suppression.run(() -> {
            suppression.run(() -> jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (40, 1, 'a', 'b')"));
            jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (41, 1, 'a', 'b')");
        });
        assertThat(changeLog.count()).isZero();
        assertThat(jdbc.queryForObject("SELECT @sync_capture_off", Integer.class)).isNull();
    }

    // Rule 3: an UPDATE that changes no column writes nothing.

    @Test
    void updateThatChangesNothingIsNotLogged() {
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (50, 1, 'same', 'same')");
        jdbc.update("INSERT INTO comments (id, post_id, name, email, body) VALUES (500, 50, 'n', 'e@x.y', 'b')");
        jdbc.execute("DELETE FROM change_log");

        jdbc.update("UPDATE posts SET user_id = 1, title = 'same', body = 'same' WHERE id = 50");
        jdbc.update("UPDATE comments SET post_id = 50, name = 'n', email = 'e@x.y', body = 'b' WHERE id = 500");
        // bookkeeping columns are not remote state
        jdbc.update("UPDATE posts SET remote_id = 9050 WHERE id = 50");
        assertThat(changeLog.count()).isZero();

        jdbc.update("UPDATE comments SET email = 'E@x.y' WHERE id = 500"); // case matters: a real change
        assertThat(changeLog.findAll()).extracting(Change::entity, Change::op)
                .containsExactly(tuple(EntityKind.COMMENT, ChangeOp.UPDATE));
    }

    @Test
    void aChangeOfCaseAloneIsAChange() {
        // the comparison is binary (utf8mb4_bin): 'Title' -> 'title' must reach the remote
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (60, 1, 'Title', 'b')");
        jdbc.execute("DELETE FROM change_log");
        jdbc.update("UPDATE posts SET title = 'title' WHERE id = 60");
        assertThat(changeLog.count()).isEqualTo(1);
    }

    // Rule 4: deleting a post logs the deletion of each of its comments (no triggers fire for FK cascades).

    @Test
    void deletingAPostLogsTheDeletionOfEachOfItsComments() throws Exception {
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (70, 1, 'p', 'b')");
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (71, 1, 'other', 'b')");
        jdbc.update("INSERT INTO comments (id, post_id, name, email, body) VALUES "
                + "(701, 70, 'n1', 'a@b.c', 'x'), (702, 70, 'n2', 'a@b.c', 'y'), (711, 71, 'n3', 'a@b.c', 'z')");
        jdbc.execute("DELETE FROM change_log");

        try (Connection byHand = db.schema().connect(); Statement st = byHand.createStatement()) {
            st.executeUpdate("DELETE FROM posts WHERE id = 70");
        }

        assertThat(changeLog.findAll()).extracting(Change::entity, Change::entityId, Change::op).containsExactly(
                tuple(EntityKind.COMMENT, 701L, ChangeOp.DELETE),
                tuple(EntityKind.COMMENT, 702L, ChangeOp.DELETE),
                tuple(EntityKind.POST, 70L, ChangeOp.DELETE));
        assertThat(json.readTree(changeLog.findAll().get(0).payload()).get("name").asString()).isEqualTo("n1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM comments", Integer.class)).isEqualTo(1);
    }

    @Test
    void deletingAPostWithCaptureOffLogsNothingForItsComments() {
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (80, 1, 'p', 'b')");
        jdbc.update("INSERT INTO comments (id, post_id, name, email, body) VALUES (801, 80, 'n', 'a@b.c', 'x')");
        jdbc.execute("DELETE FROM change_log");
        suppression().run(() -> jdbc.update("DELETE FROM posts WHERE id = 80"));
        assertThat(changeLog.count()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM comments", Integer.class)).isZero();
    }

    // Rule 5: multi-row statements log one entry per row, in order.

    @Test
    void multiRowStatementsLogOneEntryPerRowInOrder() {
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES "
                + "(91, 1, 'a', 'b'), (92, 1, 'a', 'b'), (93, 2, 'a', 'b')");
        jdbc.update("UPDATE posts SET body = 'new' WHERE user_id = 1 ORDER BY id");
        jdbc.update("DELETE FROM posts WHERE id IN (91, 92, 93) ORDER BY id DESC");

        assertThat(changeLog.findAll()).extracting(Change::entityId, Change::op).containsExactly(
                tuple(91L, ChangeOp.CREATE),
                tuple(92L, ChangeOp.CREATE),
                tuple(93L, ChangeOp.CREATE),
                tuple(91L, ChangeOp.UPDATE),
                tuple(92L, ChangeOp.UPDATE),
                tuple(93L, ChangeOp.DELETE),
                tuple(92L, ChangeOp.DELETE),
                tuple(91L, ChangeOp.DELETE));
        List<Change> log = changeLog.findAll();
        for (int i = 1; i < log.size(); i++) {
            assertThat(log.get(i).id()).isGreaterThan(log.get(i - 1).id());
        }
    }

    @Test
    void changingAPrimaryKeyLogsDeleteOfTheOldAndCreateOfTheNewId() {
        jdbc.update("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (95, 1, 'a', 'b', 95)");
        jdbc.execute("DELETE FROM change_log");
        jdbc.update("UPDATE posts SET id = 96 WHERE id = 95");
        assertThat(changeLog.findAll()).extracting(Change::entityId, Change::op).containsExactly(
                tuple(95L, ChangeOp.DELETE),
                tuple(96L, ChangeOp.CREATE));
    }

    @Test
    void aFailedStatementLogsNothing() throws SQLException {
        jdbc.update("INSERT INTO posts (id, user_id, title, body) VALUES (97, 1, 'a', 'b')");
        jdbc.execute("DELETE FROM change_log");
        // the second row violates the primary key: the whole statement is undone, its log rows too
        assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO posts (id, user_id, title, body) VALUES (98, 1, 'a', 'b'), (97, 1, 'dup', 'b')"))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(changeLog.count()).isZero();
    }

    private static CaptureSuppression suppression() {
        return new CaptureSuppression(db.dataSource(), new DataSourceTransactionManager(db.dataSource()));
    }
}
