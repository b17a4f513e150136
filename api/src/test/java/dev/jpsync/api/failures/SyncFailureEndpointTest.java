package dev.jpsync.api.failures;

import static dev.jpsync.api.TestUsers.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.api.TestUsers;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /sync/failures and POST /sync/failures/{id}/retry on the real database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseTestDatabase
class SyncFailureEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    TestUsers http;

    @BeforeEach
    void setUp() {
        http = new TestUsers(port);
        jdbc.sql("DELETE FROM sync_failure").update();
        jdbc.sql("DELETE FROM comments").update();
        jdbc.sql("DELETE FROM posts").update();
        jdbc.sql("DELETE FROM change_log").update();
    }

    @Test
    void listsFailuresNewestFirstAndPaged() {
        long first = failure("POST", 1, "UPDATE", "{\"id\": 1}");
        long second = failure("POST", 2, "UPDATE", "{\"id\": 2}");
        long third = failure("COMMENT", 3, "DELETE", "{\"id\": 3}");

        JsonNode page = body(http.get("/sync/failures?size=2", OPERATOR), 200);
        assertThat(page.path("content").valueStream().map(f -> f.path("id").asLong()).toList())
                .containsExactly(third, second);
        assertThat(page.path("totalElements").asLong()).isEqualTo(3);
        assertThat(page.path("totalPages").asLong()).isEqualTo(2);
        JsonNode last = body(http.get("/sync/failures?size=2&page=1", OPERATOR), 200).path("content").get(0);
        assertThat(last.path("id").asLong()).isEqualTo(first);
        assertThat(last.path("httpStatus").asInt()).isEqualTo(404);
        assertThat(last.path("reason").asString()).isEqualTo("remote answered 404");
        assertThat(http.get("/sync/failures?size=0", OPERATOR).statusCode()).isEqualTo(400);
    }

    @Test
    void retryPutsTheRecordsCurrentStateBackIntoTheChangeLogOnce() {
        jdbc.sql("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (7, 1, 'new title', 'b', 7)").update();
        jdbc.sql("DELETE FROM change_log").update();
        long id = failure("POST", 7, "UPDATE", "{\"id\": 7, \"title\": \"old title\"}");

        JsonNode retried = body(http.post("/sync/failures/" + id + "/retry", OPERATOR, null), 200);
        long changeId = retried.path("changeId").asLong();
        assertThat(retried.path("failure").path("requeuedAt").isNull()).isFalse();

        var change = jdbc.sql("SELECT entity, entity_id, op, payload FROM change_log WHERE id = ?").param(changeId)
                .query().singleRow();
        assertThat(change.get("entity")).isEqualTo("POST");
        assertThat(change.get("entity_id")).isEqualTo(7L);
        assertThat(change.get("op")).isEqualTo("UPDATE");
        JsonNode payload = json.readTree((String) change.get("payload"));
        assertThat(payload.path("title").asString()).isEqualTo("new title");
        assertThat(payload.path("remoteId").asLong()).isEqualTo(7);

        JsonNode again = problem(http.post("/sync/failures/" + id + "/retry", OPERATOR, null), 409);
        assertThat(again.path("detail").asString()).contains("not queued twice");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM change_log").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRefusedCreateOfARecordThatHasARemoteIdByNowIsRequeuedAsUpdate() {
        jdbc.sql("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (8, 1, 't', 'b', 108)").update();
        long id = failure("POST", 8, "CREATE", "{\"id\": 8}");
        long changeId = body(http.post("/sync/failures/" + id + "/retry", OPERATOR, null), 200).path("changeId").asLong();
        assertThat(jdbc.sql("SELECT op FROM change_log WHERE id = ?").param(changeId).query(String.class).single())
                .isEqualTo("UPDATE");
    }

    @Test
    void aRefusedDeleteIsRequeuedWithItsPayload() {
        long id = failure("COMMENT", 9, "DELETE", "{\"id\": 9, \"remoteId\": 9}");
        long changeId = body(http.post("/sync/failures/" + id + "/retry", OPERATOR, null), 200).path("changeId").asLong();
        var change = jdbc.sql("SELECT op, payload FROM change_log WHERE id = ?").param(changeId).query().singleRow();
        assertThat(change.get("op")).isEqualTo("DELETE");
        assertThat(json.readTree((String) change.get("payload")).path("remoteId").asLong()).isEqualTo(9);
    }

    @Test
    void aRecordDeletedSinceIs409AndNothingIsWritten() {
        long id = failure("POST", 404, "UPDATE", "{\"id\": 404}");
        problem(http.post("/sync/failures/" + id + "/retry", OPERATOR, null), 409);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM change_log").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_failure WHERE id = ? AND requeued_at IS NULL").param(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void retryAllRequeuesEveryOpenFailureAtOnceAndLeavesTheRequeuedAlone() {
        jdbc.sql("INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (7, 1, 't7', 'b', 7)").update();
        jdbc.sql("INSERT INTO posts (id, user_id, title, body) VALUES (8, 1, 't8', 'b')").update();
        jdbc.sql("DELETE FROM change_log").update();
        long done = failure("POST", 7, "UPDATE", "{\"id\": 7}");
        body(http.post("/sync/failures/" + done + "/retry", OPERATOR, null), 200);
        long open7 = failure("POST", 7, "UPDATE", "{\"id\": 7}");
        long open8 = failure("POST", 8, "CREATE", "{\"id\": 8}");
        long gone = failure("POST", 404, "UPDATE", "{\"id\": 404}");

        JsonNode all = body(http.post("/sync/failures/retry", OPERATOR, null), 200);

        assertThat(all.path("requeued").asLong()).isEqualTo(2);
        assertThat(all.path("failures").valueStream().map(f -> f.path("failureId").asLong() + ":" + f.path("outcome").asString())
                .toList()).containsExactly(open7 + ":REQUEUED", open8 + ":REQUEUED", gone + ":RECORD_GONE");
        assertThat(jdbc.sql("SELECT entity_id, op FROM change_log ORDER BY id").query().listOfRows())
                .extracting(r -> r.get("entity_id") + ":" + r.get("op")).containsExactly("7:UPDATE", "7:UPDATE", "8:CREATE");
        assertThat(body(http.post("/sync/failures/retry", OPERATOR, null), 200).path("requeued").asLong()).isZero();
    }

    @Test
    void anUnknownFailureIs404() {
        problem(http.post("/sync/failures/999999/retry", OPERATOR, null), 404);
    }

    private long failure(String entity, long entityId, String op, String payload) {
        jdbc.sql("""
                        INSERT INTO sync_failure (entity, entity_id, op, payload, http_method, url, http_status,
                            response_snippet, reason, attempts)
                        VALUES (?, ?, ?, ?, 'PUT', 'http://remote/x', 404, '{}', 'remote answered 404', 1)""")
                .params(entity, entityId, op, payload).update();
        return jdbc.sql("SELECT MAX(id) FROM sync_failure").query(Long.class).single();
    }

    private JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return body(response, status);
    }
}
