package dev.jpsync.api.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.api.ApiClient;
import dev.jpsync.api.StoredRecords;
import dev.jpsync.domain.Change;
import dev.jpsync.domain.ChangeLogRepository;
import dev.jpsync.domain.ChangeOp;
import dev.jpsync.domain.Comment;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.domain.Post;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;

/** The post endpoints over real HTTP and a real database, including the change-log rows each write produces. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=false")
@UseTestDatabase
class PostApiTest {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    StoredRecords records;

    @Autowired
    ChangeLogRepository changeLog;

    ApiClient api;
    long logMark;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        records = new StoredRecords(jdbc);
        logMark = changeLog.maxId().orElse(0);
    }

    @Test
    void postCreatesWith201LocationAndOneCreateEntry() {
        HttpResponse<String> created = api.send("POST", "/posts", JSON,
                "{\"userId\": 3, \"title\": \"foo\", \"body\": \"bar\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode post = ApiClient.json(created);
        long id = post.get("id").asLong();
        assertThat(created.body()).isEqualTo("{\"userId\":3,\"id\":" + id + ",\"title\":\"foo\",\"body\":\"bar\"}");
        assertThat(created.headers().firstValue("Location")).hasValue("http://localhost:" + port + "/posts/" + id);
        assertThat(created.headers().firstValue("ETag")).isPresent();
        assertThat(records.post(id)).contains(new Post(id, 3, "foo", "bar", null));

        List<Change> changes = newChanges();
        assertThat(changes).hasSize(1);
        assertChange(changes.get(0), EntityKind.POST, id, ChangeOp.CREATE);
        JsonNode payload = ApiClient.JSON.readTree(changes.get(0).payload());
        assertThat(payload.get("title").asString()).isEqualTo("foo");
        assertThat(payload.get("userId").asLong()).isEqualTo(3);
    }

    @Test
    void getAnswersTheJsonPlaceholderShapeWithAnETagAndHonoursTrailingSlashes() {
        long id = records.insert(new Post(null, 2, "title", "body", 77L)).id();

        HttpResponse<String> plain = api.get("/posts/" + id);
        HttpResponse<String> slash = api.get("/posts/" + id + "/");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo("{\"userId\":2,\"id\":" + id + ",\"title\":\"title\",\"body\":\"body\"}");
        assertThat(ApiClient.contentType(plain)).startsWith("application/json");
        assertThat(slash.statusCode()).isEqualTo(200);
        assertThat(slash.body()).isEqualTo(plain.body());
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(slash.headers().firstValue("ETag")).hasValue(etag);
        assertThat(api.get("/posts/" + id, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(api.get("/posts/?id=" + id).body()).isEqualTo("[" + plain.body() + "]");
    }

    @Test
    void putReplacesAndLogsOneUpdateButAnUnchangedPutLogsNothing() {
        long id = post(new Post(null, 1, "old", "old body", 5L));
        String etag = api.get("/posts/" + id).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> replaced = api.send("PUT", "/posts/" + id + "/", JSON,
                "{\"id\": " + id + ", \"userId\": 4, \"title\": \"new\", \"body\": \"new body\"}", "If-Match", etag);

        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.body()).isEqualTo("{\"userId\":4,\"id\":" + id + ",\"title\":\"new\",\"body\":\"new body\"}");
        String newTag = replaced.headers().firstValue("ETag").orElseThrow();
        assertThat(newTag).isNotEqualTo(etag);
        assertThat(records.post(id)).contains(new Post(id, 4, "new", "new body", 5L)); // remote id kept
        List<Change> changes = newChanges();
        assertThat(changes).hasSize(1);
        assertChange(changes.get(0), EntityKind.POST, id, ChangeOp.UPDATE);

        logMark = changeLog.maxId().orElse(0);
        HttpResponse<String> same = api.send("PUT", "/posts/" + id, JSON,
                "{\"userId\": 4, \"title\": \"new\", \"body\": \"new body\"}", "If-Match", newTag);
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.headers().firstValue("ETag")).hasValue(newTag);
        assertThat(newChanges()).isEmpty();

        // the old tag is stale now
        assertThat(api.send("PUT", "/posts/" + id, JSON, "{\"userId\": 1, \"title\": \"x\", \"body\": \"y\"}",
                "If-Match", etag).statusCode()).isEqualTo(412);
        assertThat(records.post(id).orElseThrow().title()).isEqualTo("new");
    }

    @Test
    void aWriteWaitsForTheRowLockAndKeepsTheRemoteIdTheExportStoredMeanwhile() throws Exception {
        long id = post(new Post(null, 1, "before", "body", null));
        try (Connection export = dataSource.getConnection()) {
            export.setAutoCommit(false);
            try (PreparedStatement storeRemoteId = export.prepareStatement("UPDATE posts SET remote_id = 4242 WHERE id = ?")) {
                storeRemoteId.setLong(1, id);
                storeRemoteId.executeUpdate(); // holds the row lock until commit, as the export's mapping write does
            }
            CompletableFuture<HttpResponse<String>> patch = CompletableFuture.supplyAsync(
                    () -> api.send("PATCH", "/posts/" + id, JSON, "{\"title\": \"after\"}"));
            Thread.sleep(300);
            assertThat(patch).as("the PATCH waits for the row lock").isNotDone();
            export.commit();
            assertThat(patch.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(records.post(id)).contains(new Post(id, 1, "after", "body", 4242L));
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        long id = post(new Post(null, 1, "title", "body", null));

        HttpResponse<String> patched = api.send("PATCH", "/posts/" + id, JSON, "{\"title\": \"patched\"}",
                "If-Match", "*");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.body()).isEqualTo("{\"userId\":1,\"id\":" + id + ",\"title\":\"patched\",\"body\":\"body\"}");
        List<Change> changes = newChanges();
        assertThat(changes).hasSize(1);
        assertChange(changes.get(0), EntityKind.POST, id, ChangeOp.UPDATE);

        logMark = changeLog.maxId().orElse(0);
        assertThat(api.send("PATCH", "/posts/" + id, "application/merge-patch+json", "{}").statusCode())
                .isEqualTo(200);
        assertThat(api.send("PATCH", "/posts/" + id, JSON, "{\"body\": \"body\"}").statusCode()).isEqualTo(200);
        assertThat(newChanges()).isEmpty();
    }

    @Test
    void deleteAnswersEmptyObjectAndLogsThePostsCommentsBeforeThePost() {
        long id = records.insert(new Post(null, 1, "doomed", "body", null)).id();
        long first = records.insert(new Comment(null, id, "c1", "a@b.cd", "x", null)).id();
        long second = records.insert(new Comment(null, id, "c2", "a@b.cd", "y", null)).id();
        logMark = changeLog.maxId().orElse(0);

        HttpResponse<String> deleted = api.delete("/posts/" + id + "/");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(records.post(id)).isEmpty();
        assertThat(records.comment(first)).isEmpty();
        assertThat(records.comment(second)).isEmpty();
        List<Change> changes = newChanges();
        assertThat(changes).hasSize(3);
        assertChange(changes.get(0), EntityKind.COMMENT, first, ChangeOp.DELETE);
        assertChange(changes.get(1), EntityKind.COMMENT, second, ChangeOp.DELETE);
        assertChange(changes.get(2), EntityKind.POST, id, ChangeOp.DELETE);

        assertThat(api.delete("/posts/" + id).statusCode()).isEqualTo(404);
        assertThat(api.get("/posts/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteWithTheCurrentETagSucceeds() {
        long id = post(new Post(null, 1, "t", "b", null));
        String etag = api.get("/posts/" + id).headers().firstValue("ETag").orElseThrow();

        assertThat(api.delete("/posts/" + id, "If-Match", "\"other\", " + etag).statusCode()).isEqualTo(200);
        assertThat(newChanges()).extracting(Change::op).containsExactly(ChangeOp.DELETE);
    }

    @Test
    void titlesAtTheColumnLimitAndNonAsciiTextAreAccepted() {
        String title = "é".repeat(200) + "😀".repeat(55); // 255 characters, 310 UTF-16 units
        HttpResponse<String> created = api.send("POST", "/posts", JSON,
                "{\"userId\": 1, \"title\": \"" + title + "\", \"body\": \"" + "b".repeat(10_000) + "\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = ApiClient.json(created).get("id").asLong();
        assertThat(records.post(id).orElseThrow().title()).isEqualTo(title);
    }

    /** Inserts a fixture and moves the mark past its log entry. */
    private long post(Post post) {
        long id = records.insert(post).id();
        logMark = changeLog.maxId().orElse(0);
        return id;
    }

    private List<Change> newChanges() {
        return changeLog.findRange(logMark, Long.MAX_VALUE, 1000);
    }

    private static void assertChange(Change change, EntityKind entity, long id, ChangeOp op) {
        assertThat(change.entity()).isEqualTo(entity);
        assertThat(change.entityId()).isEqualTo(id);
        assertThat(change.op()).isEqualTo(op);
    }
}
