package dev.jpsync.jobs.exportjob;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.jpsync.domain.CaptureSuppression;

/** A WireMock remote, a clean database before each test, and helpers to write data and run the export. */
abstract class ExportJobTestSupport {

    static final WireMockServer remote = new WireMockServer(options().dynamicPort());

    static {
        remote.start();
    }

    @DynamicPropertySource
    static void remoteUrl(DynamicPropertyRegistry registry) {
        registry.add("sync.remote.base-url", remote::baseUrl);
    }

    @AfterAll
    static void keepRemoteForOtherClasses() {
        remote.resetAll();
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaptureSuppression captureSuppression;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier("exportJob")
    Job exportJob;

    @BeforeEach
    void emptyDatabaseAndRemote() {
        remote.resetAll();
        emptyTables(jdbc, captureSuppression);
    }

    /** No records, no change log, nothing the export remembers between runs. */
    static void emptyTables(JdbcTemplate jdbc, CaptureSuppression captureSuppression) {
        captureSuppression.run(() -> {
            jdbc.update("DELETE FROM comments");
            jdbc.update("DELETE FROM posts");
        });
        for (String table : List.of("change_log", "change_log_outcome", "change_log_archive", "sync_failure",
                "export_unanswered", "export_create_sent")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** A post as the import leaves it: same local and remote id, nothing logged. */
    void importedPost(long id, String title) {
        captureSuppression.run(() -> jdbc.update(
                "INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (?, 1, ?, 'imported body', ?)", id, title, id));
    }

    void importedComment(long id, long postId) {
        captureSuppression.run(() -> jdbc.update("INSERT INTO comments (id, post_id, name, email, body, remote_id) "
                + "VALUES (?, ?, 'imported', 'i@example.com', 'imported comment', ?)", id, postId, id));
    }

    /** A post created here (captured, no remote id); returns its local id. */
    long newPost(String title) {
        jdbc.update("INSERT INTO posts (user_id, title, body) VALUES (7, ?, 'new body')", title);
        return jdbc.queryForObject("SELECT MAX(id) FROM posts", Long.class);
    }

    long newComment(long postId, String name) {
        jdbc.update("INSERT INTO comments (post_id, name, email, body) VALUES (?, ?, 'n@example.com', 'new comment')",
                postId, name);
        return jdbc.queryForObject("SELECT MAX(id) FROM comments", Long.class);
    }

    Long remoteIdOf(String table, long id) {
        return jdbc.queryForObject("SELECT remote_id FROM " + table + " WHERE id = ?", Long.class, id);
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /**
     * The job-scope listener of {@code @SpringBatchTest} calls a test's method that returns a JobExecution
     * (preferring this name) before each test; without this one it would pick {@code runExport()}.
     */
    public JobExecution getJobExecution() {
        return org.springframework.batch.test.MetaDataInstanceFactory.createJobExecution();
    }

    /** As {@link #getJobExecution()}, for the step-scope listener, which would pick any method returning one. */
    public org.springframework.batch.core.step.StepExecution getStepExecution() {
        return org.springframework.batch.test.MetaDataInstanceFactory.createStepExecution();
    }

    JobExecution runExport() throws Exception {
        return jobOperator.start(exportJob, new JobParametersBuilder()
                .addLong("run", System.nanoTime()).toJobParameters());
    }

    List<Map<String, Object>> archive() {
        return jdbc.queryForList("SELECT id, entity, entity_id, op, export_execution_id, outcome FROM change_log_archive ORDER BY id");
    }
}
