package dev.jpsync.api.ops;

import static dev.jpsync.api.TestUsers.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.jpsync.api.TestUsers;
import dev.jpsync.api.jobs.TestJobs;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.jobs.support.SyncMetrics;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health with the remote's reachability (non-fatal), the metrics at /actuator/prometheus after a job run, and
 * the job execution id on the job's log lines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.health.remote.cache-for=0s")
@UseTestDatabase
@Import(TestJobs.class)
@ExtendWith(OutputCaptureExtension.class)
class OperationalVisibilityTest {

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
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    SyncMetrics metrics;

    TestUsers http;

    @BeforeEach
    void setUp() {
        http = new TestUsers(port);
        remote.resetAll();
    }

    @Test
    void remoteReachabilityIsAHealthComponentThatNeverPullsTheServiceDown() {
        remote.stubFor(WireMock.get("/posts/1").willReturn(WireMock.okJson("{\"id\": 1}")));
        var up = json.readTree(http.get("/actuator/health", OPERATOR).body());
        assertThat(up.path("status").asString()).isEqualTo("UP");
        assertThat(up.path("components").path("remoteApi").path("status").asString()).as(up.toString()).isEqualTo("UP");
        assertThat(up.path("components").path("db").path("status").asString()).isEqualTo("UP");

        remote.stubFor(WireMock.get("/posts/1").willReturn(WireMock.aResponse().withStatus(503)));
        var serverError = http.get("/actuator/health", OPERATOR);
        assertThat(serverError.statusCode()).isEqualTo(200);
        assertThat(json.readTree(serverError.body()).path("components").path("remoteApi").path("status").asString())
                .isEqualTo("UNREACHABLE");

        remote.stubFor(WireMock.get("/posts/1").willReturn(WireMock.aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        var down = http.get("/actuator/health", OPERATOR);
        assertThat(down.statusCode()).isEqualTo(200);
        var body = json.readTree(down.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("remoteApi").path("status").asString()).isEqualTo("UNREACHABLE");
        assertThat(body.path("components").path("remoteApi").path("details").path("error").asString()).isNotBlank();

        // the remote's own group says it plainly, for a monitor that wants to alert on it
        var group = http.get("/actuator/health/remote", OPERATOR);
        assertThat(group.statusCode()).isEqualTo(503);
        assertThat(group.body()).contains("UNREACHABLE");
    }

    @Test
    void backlogGaugesFollowTheChangeLog() {
        jdbc.sql("DELETE FROM change_log").update();
        assertThat(scrape()).contains("sync_changelog_backlog_entries 0.0")
                .contains("sync_changelog_oldest_age_seconds 0.0");

        jdbc.sql("INSERT INTO posts (user_id, title, body) VALUES (1, 't', 'b'), (1, 't2', 'b2')").update();
        jdbc.sql("UPDATE change_log SET changed_at = NOW(6) - INTERVAL 90 SECOND").update();
        String scraped = scrape();
        assertThat(scraped).contains("sync_changelog_backlog_entries 2.0");
        double age = Double.parseDouble(scraped.lines()
                .filter(line -> line.startsWith("sync_changelog_oldest_age_seconds "))
                .findFirst().orElseThrow().split(" ")[1]);
        assertThat(age).isBetween(89.0, 600.0);
    }

    @Test
    void jobCountersAndDurationsAppearAfterARun(CapturedOutput output) {
        metrics.exportCall("POST", SyncMetrics.CallOutcome.SENT);
        metrics.exportCall("PUT", SyncMetrics.CallOutcome.SKIPPED);
        metrics.skipped("exportJob", EntityKind.POST);
        metrics.importedRows(EntityKind.COMMENT, 500);

        long id = json.readTree(http.post("/jobs/countingJob/executions", OPERATOR, null).body()).path("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(
                http.get("/jobs/executions/" + id, OPERATOR).body()).path("status").asString().equals("COMPLETED"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("spring_batch_job_seconds_count\\{[^}]*spring_batch_job_name=\"countingJob\"[^}]*\\} 1")
                .containsPattern("sync_export_calls_total\\{[^}]*method=\"POST\",outcome=\"sent\"[^}]*\\} 1.0")
                .containsPattern("sync_export_calls_total\\{[^}]*method=\"PUT\",outcome=\"skipped\"[^}]*\\} 1.0")
                .containsPattern("sync_skips_total\\{[^}]*entity=\"POST\",job=\"exportJob\"[^}]*\\} 1.0")
                .containsPattern("sync_import_rows_total\\{[^}]*entity=\"COMMENT\"[^}]*\\} 500.0"));

        // requests are timed, Spring Security's own filters and decisions are not (SecurityConfiguration): their
        // observations cost more than they tell
        assertThat(scrape()).contains("http_server_requests_seconds_count")
                .doesNotContain("spring_security_filterchains").doesNotContain("spring_security_authorizations");

        // every line the job wrote carries its execution id (MDC from JobLoggingContext)
        assertThat(output.getAll().lines().filter(line -> line.contains("wrote ["))
                .toList()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("[countingJob #" + id + "]"));
    }

    private String scrape() {
        var response = http.get("/actuator/prometheus", OPERATOR);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
