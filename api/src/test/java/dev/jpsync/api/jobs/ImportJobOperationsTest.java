package dev.jpsync.api.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.jpsync.api.TestUsers.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
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
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real import job under operations: listed by job control, launched by its schedule and by the endpoint
 * (one history), and its meters at /actuator/prometheus afterwards. WireMock is the remote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sync.schedule.import.enabled=true", "sync.schedule.import.fixed-delay=1h",
        "sync.schedule.import.initial-delay=0s"})
@UseTestDatabase
class ImportJobOperationsTest {

    static final WireMockServer remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @DynamicPropertySource
    static void remote(DynamicPropertyRegistry registry) {
        if (!remote.isRunning()) {
            remote.start();
            remote.stubFor(get("/posts").willReturn(okJson("""
                    [{"userId": 1, "id": 1, "title": "one", "body": "first"},
                     {"userId": 1, "id": 2, "title": "two", "body": "second"}]""")));
            remote.stubFor(get("/comments").willReturn(okJson("""
                    [{"postId": 2, "id": 1, "name": "n", "email": "a@b.c", "body": "c"},
                     {"postId": 99, "id": 2, "name": "n", "email": "a@b.c", "body": "comment of no post"}]""")));
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

    @Test
    void theScheduleAndTheEndpointRunTheImportIntoOneHistoryAndItsMetersShow() {
        TestUsers http = new TestUsers(port);
        JsonNode jobs = json.readTree(http.get("/jobs", OPERATOR).body());
        assertThat(jobs.findValuesAsString("name")).contains("importJob");

        // the schedule (initial delay 0) runs it first
        await().atMost(Duration.ofSeconds(60)).until(() -> status(http, 0).equals("COMPLETED"));
        assertThat(latest(http, 0).path("parameters").path("launchedBy").asString()).isEqualTo("schedule");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isEqualTo(2);

        long id = json.readTree(http.post("/jobs/importJob/executions", OPERATOR, null).body()).path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> latest(http, 0).path("id").asLong() == id
                && status(http, 0).equals("COMPLETED"));
        JsonNode execution = json.readTree(http.get("/jobs/executions/" + id, OPERATOR).body());
        assertThat(execution.path("parameters").path("launchedBy").asString()).isEqualTo("endpoint");
        assertThat(execution.path("steps").valueStream().map(s -> s.path("name").asString()))
                .containsExactly("importPosts", "importComments");
        assertThat(json.readTree(http.get("/jobs/importJob/executions", OPERATOR).body()).path("totalElements")
                .asLong()).isEqualTo(2);

        String scraped = http.get("/actuator/prometheus", OPERATOR).body();
        assertThat(scraped)
                .containsPattern("spring_batch_job_seconds_count\\{[^}]*spring_batch_job_name=\"importJob\""
                        + "[^}]*spring_batch_job_status=\"COMPLETED\"[^}]*\\} 2")
                .containsPattern("spring_batch_step_seconds_count\\{[^}]*spring_batch_step_name=\"importPosts\"")
                .containsPattern("sync_import_rows_total\\{[^}]*entity=\"POST\"[^}]*\\} 4.0")
                .containsPattern("sync_import_rows_total\\{[^}]*entity=\"COMMENT\"[^}]*\\} 2.0")
                .containsPattern("sync_skips_total\\{[^}]*entity=\"COMMENT\",job=\"importJob\"[^}]*\\} 2.0")
                // steps are timed, the records they read and process are not (BatchObservations)
                .doesNotContain("spring_batch_item");
    }

    private JsonNode latest(TestUsers http, int index) {
        return json.readTree(http.get("/jobs/importJob/executions?size=1", OPERATOR).body()).path("content")
                .path(index);
    }

    private String status(TestUsers http, int index) {
        return latest(http, index).path("status").asString();
    }
}
