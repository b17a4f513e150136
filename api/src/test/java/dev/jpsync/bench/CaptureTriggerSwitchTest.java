package dev.jpsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.jpsync.testsupport.MigratedSchema;

/** The benchmark's switch for the capture triggers, on a schema migrated by Flyway. */
class CaptureTriggerSwitchTest {

    @Test
    void dropsAndRecreatesTheTriggersOfTheMigration() throws Exception {
        try (MigratedSchema db = MigratedSchema.create("capturetriggers", 1);
             Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement()) {
            CaptureTriggerSwitch triggers = CaptureTriggerSwitch.of(c);
            assertThat(triggers.names()).containsExactly("posts_after_insert", "posts_after_update",
                    "posts_before_delete", "posts_after_delete", "comments_after_insert", "comments_after_update",
                    "comments_after_delete");
            s.execute("INSERT INTO posts (id, user_id, title, body) VALUES (1, 1, 't', 'b')");
            assertThat(changes(s)).isEqualTo(1);

            triggers.drop(c);
            s.execute("UPDATE posts SET title = 'without' WHERE id = 1");
            assertThat(changes(s)).isEqualTo(1);
            assertThat(triggerCount(s)).isZero();

            triggers.create(c);
            s.execute("UPDATE posts SET title = 'with' WHERE id = 1");
            assertThat(changes(s)).isEqualTo(2);
            assertThat(triggerCount(s)).isEqualTo(7);
        }
    }

    @Test
    void refusesAMigrationItCannotParseCompletely() {
        assertThatThrownBy(() -> CaptureTriggerSwitch.parse("CREATE TRIGGER t AFTER INSERT ON posts FOR EACH ROW\nBEGIN\n  SET @x = 1;\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("parsed 0 of 1");
    }

    private static long changes(Statement s) throws Exception {
        return single(s, "SELECT COUNT(*) FROM change_log");
    }

    private static long triggerCount(Statement s) throws Exception {
        return single(s, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()");
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
