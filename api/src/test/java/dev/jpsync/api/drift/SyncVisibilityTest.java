package dev.jpsync.api.drift;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.jpsync.api.TestUsers.EDITOR;
import static dev.jpsync.api.TestUsers.OPERATOR;
import static dev.jpsync.api.TestUsers.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.jpsync.api.TestUsers;
import dev.jpsync.domain.CaptureSuppression;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /sync/changes, /sync/pending, /sync/drift and the repairs, over HTTP on the real database, with the real
 * export and verify jobs launched through job control against a WireMock remote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseTestDatabase
class SyncVisibilityTest {

    static final WireMockServer remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @DynamicPropertySource
    static void remote(DynamicPropertyRegistry registry) {
        if (!remote.isRunning()) {
            remote.start();
        }
        registry.add("sync.remote.base-url", remote::baseUrl);
    }

    @AfterAll
    static void stopRemote() {
        remote.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaptureSuppression captureSuppression;

    TestUsers http;

    @BeforeEach
    void setUp() {
        http = new TestUsers(port);
        remote.resetAll();
        for (String table : List.of("comments", "posts", "change_log", "change_log_outcome", "change_log_archive",
                "sync_failure", "sync_repair")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        remote.stubFor(post("/posts").willReturn(okJson("{\"id\": 101}").withStatus(201)));
        remote.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{}")));
    }

    @Test
    void theHistoryOfARecordCreatedEditedTwiceAndDeletedAcrossTwoExports() {
        long id = body(http.post("/posts", EDITOR, "{\"userId\": 1, \"title\": \"new\", \"body\": \"b\"}"), 201)
                .path("id").asLong();
        body(http.send("PATCH", "/posts/" + id, EDITOR, "{\"title\": \"edited once\"}"), 200);
        // pending: the preview folds both entries into one POST
        JsonNode pending = body(http.get("/sync/pending?entity=POST", OPERATOR), 200);
        assertThat(pending.path("totalElements").asLong()).isEqualTo(1);
        assertThat(pending.at("/content/0/method").asString()).isEqualTo("POST");
        assertThat(pending.at("/content/0/path").asString()).isEqualTo("/posts");
        assertThat(pending.at("/content/0/entries").asInt()).isEqualTo(2);
        long firstExport = runJob("exportJob");

        body(http.send("PATCH", "/posts/" + id, EDITOR, "{\"title\": \"edited twice\"}"), 200);
        body(http.send("DELETE", "/posts/" + id, EDITOR, null), 200);
        JsonNode beforeSecond = body(http.get("/sync/changes?entity=POST&id=" + id, OPERATOR), 200);
        assertThat(states(beforeSecond)).containsExactly("PENDING DELETE", "PENDING UPDATE", "ARCHIVED UPDATE",
                "ARCHIVED CREATE");
        assertThat(body(http.get("/sync/pending", OPERATOR), 200).at("/content/0/path").asString())
                .isEqualTo("/posts/101");
        long secondExport = runJob("exportJob");

        JsonNode history = body(http.get("/sync/changes?entity=post&id=" + id, OPERATOR), 200);
        assertThat(states(history)).containsExactly("ARCHIVED DELETE", "ARCHIVED UPDATE", "ARCHIVED UPDATE",
                "ARCHIVED CREATE");
        assertThat(history.path("content").valueStream().map(e -> e.path("exportExecutionId").asLong()).toList())
                .containsExactly(secondExport, secondExport, firstExport, firstExport);
        assertThat(history.path("content").valueStream().map(e -> e.path("outcome").asString()).distinct().toList())
                .containsExactly("SENT");
        assertThat(history.at("/content/1/payload/title").asString()).isEqualTo("edited twice");
        // paged, newest first
        JsonNode second = body(http.get("/sync/changes?entity=POST&id=" + id + "&size=3&page=1", OPERATOR), 200);
        assertThat(states(second)).containsExactly("ARCHIVED CREATE");
        assertThat(second.path("totalPages").asInt()).isEqualTo(2);
        assertThat(body(http.get("/sync/pending", OPERATOR), 200).path("totalElements").asLong()).isZero();
    }

    @Test
    void theDriftReportShowsADifferenceAndARepairQueuesIt() {
        remote.stubFor(get("/posts").willReturn(okJson("[{\"userId\": 1, \"id\": 5, \"title\": \"changed there\", \"body\": \"b\"}]")));
        remote.stubFor(get("/comments").willReturn(okJson("[]")));
        captureSuppression.run(() -> jdbc.sql(
                "INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (5, 1, 'here', 'b', 5)").update());
        long verify = runJob("verifyJob");

        JsonNode report = body(http.get("/sync/drift", OPERATOR), 200);
        assertThat(report.path("verifyExecutionId").asLong()).isEqualTo(verify);
        assertThat(report.path("counts").path("DIFFERS").asLong()).isEqualTo(1);
        JsonNode row = report.at("/rows/content/0");
        assertThat(row.path("kind").asString()).isEqualTo("DIFFERS");
        assertThat(row.path("remoteState").path("title").asString()).isEqualTo("changed there");
        long rowId = row.path("id").asLong();

        JsonNode plan = body(http.post("/sync/drift/" + rowId + "/repair", OPERATOR,
                "{\"sourceOfTruth\": \"LOCAL\", \"dryRun\": true}"), 200);
        assertThat(plan.at("/steps/0/outcome").asString()).isEqualTo("PLANNED");
        assertThat(plan.at("/steps/0/action").asString()).isEqualTo("PUT /posts/5 (next export)");
        assertThat(body(http.get("/sync/pending", OPERATOR), 200).path("totalElements").asLong()).isZero();

        JsonNode done = body(http.post("/sync/drift/repair", OPERATOR, "{\"sourceOfTruth\": \"LOCAL\"}"), 200);
        assertThat(done.path("totals").path("DONE").asLong()).isEqualTo(1);
        JsonNode pending = body(http.get("/sync/pending", OPERATOR), 200);
        assertThat(pending.at("/content/0/method").asString() + " " + pending.at("/content/0/path").asString())
                .isEqualTo("PUT /posts/5");
        assertThat(body(http.get("/sync/drift", OPERATOR), 200).at("/rows/content/0/repair").asString())
                .isEqualTo("LOCAL: PUT /posts/5 (next export)");
    }

    @Test
    void badInputIsAProblemAndOnlyOperatorsMayLook() {
        assertThat(http.post("/sync/drift/repair", OPERATOR, "{\"dryRun\": true}").statusCode()).isEqualTo(400);
        assertThat(http.post("/sync/drift/repair", OPERATOR, "{\"sourceOfTruth\": \"BOTH\"}").body())
                .contains("sourceOfTruth must be one of [LOCAL, REMOTE]");
        assertThat(http.post("/sync/drift/1/repair", OPERATOR, "{\"sourceOfTruth\": \"LOCAL\", \"force\": 1}")
                .statusCode()).isEqualTo(400);
        assertThat(http.get("/sync/changes?entity=USER&id=1", OPERATOR).statusCode()).isEqualTo(400);
        assertThat(http.get("/sync/pending?entity=x", OPERATOR).statusCode()).isEqualTo(400);
        assertThat(http.get("/sync/pending?size=0", OPERATOR).statusCode()).isEqualTo(400);
        assertThat(http.post("/sync/drift/999999/repair", OPERATOR, "{\"sourceOfTruth\": \"LOCAL\"}").statusCode())
                .isEqualTo(404);
        for (String path : List.of("/sync/pending", "/sync/changes?entity=POST&id=1", "/sync/drift")) {
            assertThat(http.get(path, READER).statusCode()).isEqualTo(403);
            assertThat(http.get(path, EDITOR).statusCode()).isEqualTo(403);
        }
    }

    private long runJob(String job) {
        long id = body(http.post("/jobs/" + job + "/executions", OPERATOR, null), 202).path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !body(http.get("/jobs/executions/" + id, OPERATOR), 200)
                .path("status").asString().matches("STARTING|STARTED"));
        assertThat(body(http.get("/jobs/executions/" + id, OPERATOR), 200).path("status").asString()).isEqualTo("COMPLETED");
        return id;
    }

    private static List<String> states(JsonNode page) {
        return page.path("content").valueStream().map(e -> e.path("state").asString() + " " + e.path("op").asString())
                .toList();
    }

    private JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }
}
