package dev.jpsync.jobs.exportjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes never stop while exports run one after the other against a remote that keeps what it is sent;
 * at the end the remote holds exactly the database's posts and comments, field for field.
 */
@SpringBootTest(properties = {"sync.export.chunk-size=20", "sync.export.concurrency=4"})
@SpringBatchTest
@UseTestDatabase
class ExportDuringWritesTest {

    static final InMemoryRemote remote = InMemoryRemote.forTestClass(2);

    @DynamicPropertySource
    static void remoteUrl(DynamicPropertyRegistry registry) {
        registry.add("sync.remote.base-url", remote::baseUrl);
    }

    @AfterAll
    static void stop() {
        remote.close();
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
    @Autowired
    Environment environment;

    @Test
    void everyChangeWrittenDuringRepeatedExportsReachesTheRemote() throws Exception {
        // an imported starting point, on both sides
        for (long id = 1; id <= 20; id++) {
            long postId = id;
            captureSuppression.run(() -> jdbc.update("INSERT INTO posts (id, user_id, title, body, remote_id) "
                    + "VALUES (?, 1, ?, 'b', ?)", postId, "p" + postId, postId));
            remote.posts().put(id, post(id, 1, "p" + id, "b"));
            captureSuppression.run(() -> jdbc.update("INSERT INTO comments (id, post_id, name, email, body, remote_id) "
                    + "VALUES (?, ?, 'n', 'e@x', 'c', ?)", postId, postId, postId));
            remote.comments().put(id, comment(id, id, "n", "e@x", "c"));
        }

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writes_ = writer.submit(() -> {
            writeContinuously(writing, writes);
            return null;
        });
        int runs = 0;
        long until = System.currentTimeMillis() + 6000;
        while (runs < 3 || System.currentTimeMillis() < until) {
            JobExecution run = runExport();
            assertThat(run.getStatus()).as(run.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
            runs++;
        }
        writing.set(false);
        writes_.get();
        writer.shutdown();
        for (int i = 0; i < 3 && jdbc.queryForObject("SELECT COUNT(*) FROM change_log", Long.class) > 0; i++) {
            assertThat(runExport().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }

        assertThat(runs).isGreaterThanOrEqualTo(3);
        assertThat(writes.get()).isGreaterThan(100);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change_log", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_failure", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM posts WHERE remote_id IS NULL", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM comments WHERE remote_id IS NULL", Long.class)).isZero();

        Map<Long, ObjectNode> expectedPosts = new HashMap<>();
        jdbc.query("SELECT remote_id, user_id, title, body FROM posts", rs -> {
            long rid = rs.getLong(1);
            expectedPosts.put(rid, post(rid, rs.getLong(2), rs.getString(3), rs.getString(4)));
        });
        Map<Long, ObjectNode> expectedComments = new HashMap<>();
        jdbc.query("SELECT c.remote_id, p.remote_id, c.name, c.email, c.body FROM comments c JOIN posts p ON p.id = c.post_id", rs -> {
            long rid = rs.getLong(1);
            expectedComments.put(rid, comment(rid, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        });
        assertThat(reparsed(remote.posts())).as(difference(remote.posts(), expectedPosts)).isEqualTo(reparsed(expectedPosts));
        assertThat(reparsed(remote.comments())).as(difference(remote.comments(), expectedComments))
                .isEqualTo(reparsed(expectedComments));
    }

    /** Both sides parsed from text, so that numbers compare by value, not by node type. */
    private static Map<Long, tools.jackson.databind.JsonNode> reparsed(Map<Long, ObjectNode> records) {
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        Map<Long, tools.jackson.databind.JsonNode> result = new HashMap<>();
        records.forEach((id, node) -> result.put(id, json.readTree(node.toString())));
        return result;
    }

    private static String difference(Map<Long, ObjectNode> remote, Map<Long, ObjectNode> expected) {
        StringBuilder s = new StringBuilder("remote vs database:");
        java.util.Set<Long> ids = new java.util.TreeSet<>(remote.keySet());
        ids.addAll(expected.keySet());
        for (Long id : ids) {
            if (!java.util.Objects.equals(String.valueOf(remote.get(id)), String.valueOf(expected.get(id)))) {
                s.append("\n  ").append(id).append(": remote ").append(remote.get(id)).append(", database ").append(expected.get(id));
            }
        }
        return s.toString();
    }

    /** Inserts, updates and deletes of posts and comments on a connection of its own, as fast as it can. */
    private void writeContinuously(AtomicBoolean writing, AtomicInteger writes) throws Exception {
        Random random = new Random(42);
        try (Connection c = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
             Statement st = c.createStatement()) {
            while (writing.get()) {
                List<Long> posts = ids(st, "SELECT id FROM posts");
                List<Long> comments = ids(st, "SELECT id FROM comments");
                int op = random.nextInt(10);
                if (op < 2 || posts.isEmpty()) {
                    st.executeUpdate("INSERT INTO posts (user_id, title, body) VALUES (" + random.nextInt(10)
                            + ", 'new " + writes.get() + "', 'body')");
                } else if (op < 4) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO comments (post_id, name, email, body) VALUES (?, ?, 'w@x', 'c')")) {
                        ps.setLong(1, pick(random, posts));
                        ps.setString(2, "comment " + writes.get());
                        ps.executeUpdate();
                    }
                } else if (op < 6) {
                    st.executeUpdate("UPDATE posts SET title = 'edit " + writes.get() + "' WHERE id = " + pick(random, posts));
                } else if (op < 8 && !comments.isEmpty()) {
                    st.executeUpdate("UPDATE comments SET body = 'edit " + writes.get() + "' WHERE id = " + pick(random, comments));
                } else if (op < 9 && !comments.isEmpty()) {
                    st.executeUpdate("DELETE FROM comments WHERE id = " + pick(random, comments));
                } else if (posts.size() > 5) {
                    st.executeUpdate("DELETE FROM posts WHERE id = " + pick(random, posts));
                }
                writes.incrementAndGet();
            }
        }
    }

    private static List<Long> ids(Statement st, String sql) throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long pick(Random random, List<Long> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    /**
     * The job-scope listener of {@code @SpringBatchTest} calls a test's method that returns a JobExecution
     * (preferring this name) before each test; without this one it would pick {@code runExport()}.
     */
    public JobExecution getJobExecution() {
        return org.springframework.batch.test.MetaDataInstanceFactory.createJobExecution();
    }

    private JobExecution runExport() throws Exception {
        return jobOperator.start(exportJob, new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters());
    }

    private static ObjectNode post(long id, long userId, String title, String body) {
        ObjectNode n = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        n.put("userId", userId);
        n.put("title", title);
        n.put("body", body);
        n.put("id", id);
        return n;
    }

    private static ObjectNode comment(long id, long postId, String name, String email, String body) {
        ObjectNode n = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        n.put("postId", postId);
        n.put("name", name);
        n.put("email", email);
        n.put("body", body);
        n.put("id", id);
        return n;
    }
}
