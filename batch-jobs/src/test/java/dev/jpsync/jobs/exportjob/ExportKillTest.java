package dev.jpsync.jobs.exportjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.jpsync.jobs.SyncJobsApplication;
import dev.jpsync.testsupport.TestDatabase;
import tools.jackson.databind.node.ObjectNode;

/**
 * A process killed with SIGKILL in the middle of an export, while the remote stores each POST at once but
 * answers it only later, leaves records on the remote whose ids it never learnt. Run again on the same
 * database, the export must look those up instead of posting them twice: the remote ends with exactly one
 * record per local row, equal to it.
 */
class ExportKillTest {

    private static final int POSTS = 40;

    @Test
    void aKillDuringAnExportWithSlowWritesLeavesNoDuplicateOnTheRemote() throws Exception {
        TestDatabase.Schema schema = TestDatabase.newSchema("exportkill");
        Flyway.configure().dataSource(schema.url(), schema.username(), schema.password())
                .locations("classpath:db/migration").load().migrate();
        try (Connection c = schema.connect(); Statement st = c.createStatement()) {
            for (int i = 1; i <= POSTS; i++) {
                st.executeUpdate("INSERT INTO posts (user_id, title, body) VALUES (" + (i % 3 + 1) + ", 'post " + i
                        + "', 'body of post " + i + "')");
            }
        }
        try (InMemoryRemote remote = new InMemoryRemote(0, 600)) {
            Process killed = export(schema, remote).process();
            Instant deadline = Instant.now().plusSeconds(120);
            while (remote.posts().size() < 12 && killed.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(killed.isAlive()).as("the export is still sending when it is killed").isTrue();
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int storedWhenKilled = remote.posts().size();
            try (Connection c = schema.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM posts WHERE remote_id IS NOT NULL")) {
                rs.next();
                // the point of the test: some records reached the remote without their ids reaching the database
                assertThat(rs.getInt(1)).isLessThan(storedWhenKilled);
            }
            try (Connection c = schema.connect(); Statement st = c.createStatement()) {
                // as the killed process left it; old enough to count as abandoned rather than still starting
                st.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = NOW(6) - INTERVAL 5 MINUTE "
                        + "WHERE STATUS = 'STARTED'");
            }

            Run again = export(schema, remote);
            assertThat(again.process().waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(again.process().exitValue()).as(again.output()).isZero();

            Map<Long, ObjectNode> onRemote = remote.posts();
            assertThat(onRemote).hasSize(POSTS);
            Map<Long, String> local = new HashMap<>();
            try (Connection c = schema.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT remote_id, title, body FROM posts")) {
                while (rs.next()) {
                    local.put(rs.getLong(1), rs.getString(2) + "|" + rs.getString(3));
                }
            }
            assertThat(local).hasSize(POSTS).doesNotContainKey(0L);
            List<String> mismatched = new ArrayList<>();
            onRemote.forEach((id, record) -> {
                if (!(record.get("title").asString() + "|" + record.get("body").asString()).equals(local.get(id))) {
                    mismatched.add(id + ": " + record);
                }
            });
            assertThat(mismatched).isEmpty();
        }
    }

    /** A child JVM running {@code export} from the command line, as cron or a Kubernetes Job would. */
    private record Run(Process process, Path log) {

        String output() throws java.io.IOException {
            return Files.readString(log);
        }
    }

    private static Run export(TestDatabase.Schema schema, InMemoryRemote remote) throws Exception {
        Path log = Files.createTempFile("export-kill", ".log");
        log.toFile().deleteOnExit();
        return new Run(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SyncJobsApplication.class.getName(), "export",
                "--spring.datasource.url=" + schema.url(),
                "--spring.datasource.username=" + schema.username(),
                "--spring.datasource.password=" + schema.password(),
                "--sync.embedded-db.enabled=false",
                "--sync.remote.base-url=" + remote.baseUrl(),
                "--sync.export.chunk-size=8",
                "--sync.export.concurrency=4",
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }
}
