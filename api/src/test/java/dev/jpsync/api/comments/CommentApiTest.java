package dev.jpsync.api.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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

/** The comment endpoints over real HTTP and a real database, including the change-log rows each write produces. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=false")
@UseTestDatabase
class CommentApiTest {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    StoredRecords records;

    @Autowired
    ChangeLogRepository changeLog;

    ApiClient api;
    long postId;
    long logMark;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        records = new StoredRecords(jdbc);
        postId = records.insert(new Post(null, 1, "a post", "its body", null)).id();
        logMark = changeLog.maxId().orElse(0);
    }

    @Test
    void postCreatesWith201LocationAndOneCreateEntry() {
        HttpResponse<String> created = api.send("POST", "/comments/", JSON,
                "{\"postId\": " + postId + ", \"name\": \"n\", \"email\": \"Eliseo@gardner.biz\", \"body\": \"b\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = ApiClient.json(created).get("id").asLong();
        assertThat(created.body()).isEqualTo("{\"postId\":" + postId + ",\"id\":" + id
                + ",\"name\":\"n\",\"email\":\"Eliseo@gardner.biz\",\"body\":\"b\"}");
        assertThat(created.headers().firstValue("Location")).hasValue("http://localhost:" + port + "/comments/" + id);
        assertThat(records.comment(id)).contains(new Comment(id, postId, "n", "Eliseo@gardner.biz", "b", null));

        List<Change> changes = newChanges();
        assertThat(changes).hasSize(1);
        assertChange(changes.get(0), id, ChangeOp.CREATE);
        JsonNode payload = ApiClient.JSON.readTree(changes.get(0).payload());
        assertThat(payload.get("postId").asLong()).isEqualTo(postId);
        assertThat(payload.get("email").asString()).isEqualTo("Eliseo@gardner.biz");
    }

    @Test
    void getByIdAndByPost() {
        long id = comment("first");
        long other = comment("second");

        HttpResponse<String> one = api.get("/comments/" + id + "/");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).isEqualTo("{\"postId\":" + postId + ",\"id\":" + id
                + ",\"name\":\"first\",\"email\":\"a@b.cd\",\"body\":\"body\"}");
        assertThat(one.headers().firstValue("ETag")).isPresent();

        HttpResponse<String> ofPost = api.get("/posts/" + postId + "/comments");
        assertThat(ofPost.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(ofPost).findValues("id")).extracting(JsonNode::asLong).containsExactly(id, other);
        assertThat(api.get("/comments?postId=" + postId).body()).isEqualTo(ofPost.body());
        assertThat(api.get("/posts/" + postId + "/comments/?_sort=name&_order=desc").body())
                .isEqualTo(api.get("/comments?postId=" + postId + "&_sort=name&_order=DESC").body());
        // JSONPlaceholder answers an empty list for the comments of an unknown post
        assertThat(api.get("/posts/987654/comments").body()).isEqualTo("[]");
    }

    @Test
    void putReplacesAndLogsOneUpdateButAnUnchangedPutLogsNothing() {
        long id = comment("old");
        long otherPost = records.insert(new Post(null, 1, "another post", "b", null)).id();
        logMark = changeLog.maxId().orElse(0);
        String body = "{\"postId\": " + otherPost + ", \"name\": \"new\", \"email\": \"x@y.zz\", \"body\": \"nb\"}";

        HttpResponse<String> replaced = api.send("PUT", "/comments/" + id, JSON, body);

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(records.comment(id)).contains(new Comment(id, otherPost, "new", "x@y.zz", "nb", null));
        List<Change> changes = newChanges();
        assertThat(changes).hasSize(1);
        assertChange(changes.get(0), id, ChangeOp.UPDATE);

        logMark = changeLog.maxId().orElse(0);
        assertThat(api.send("PUT", "/comments/" + id + "/", JSON, body).statusCode()).isEqualTo(200);
        assertThat(newChanges()).isEmpty();
    }

    @Test
    void patchWithTheCurrentETagChangesOnlyTheGivenFields() {
        long id = comment("name");
        String etag = api.get("/comments/" + id).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> patched = api.send("PATCH", "/comments/" + id, JSON, "{\"body\": \"edited\"}",
                "If-Match", etag);

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(records.comment(id)).contains(new Comment(id, postId, "name", "a@b.cd", "edited", null));
        assertThat(patched.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        List<Change> changes = newChanges();
        assertThat(changes).hasSize(1);
        assertChange(changes.get(0), id, ChangeOp.UPDATE);
        assertThat(api.send("PATCH", "/comments/" + id, JSON, "{\"body\": \"again\"}", "If-Match", etag)
                .statusCode()).isEqualTo(412);
    }

    @Test
    void deleteAnswersEmptyObjectAndLogsOneDelete() {
        long id = comment("doomed");

        HttpResponse<String> deleted = api.delete("/comments/" + id);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(records.comment(id)).isEmpty();
        List<Change> changes = newChanges();
        assertThat(changes).hasSize(1);
        assertChange(changes.get(0), id, ChangeOp.DELETE);
        assertThat(api.delete("/comments/" + id).statusCode()).isEqualTo(404);
    }

    private long comment(String name) {
        long id = records.insert(new Comment(null, postId, name, "a@b.cd", "body", null)).id();
        logMark = changeLog.maxId().orElse(0);
        return id;
    }

    private List<Change> newChanges() {
        return changeLog.findRange(logMark, Long.MAX_VALUE, 1000);
    }

    private static void assertChange(Change change, long id, ChangeOp op) {
        assertThat(change.entity()).isEqualTo(EntityKind.COMMENT);
        assertThat(change.entityId()).isEqualTo(id);
        assertThat(change.op()).isEqualTo(op);
    }
}
