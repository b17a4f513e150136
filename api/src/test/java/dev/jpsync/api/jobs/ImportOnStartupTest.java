package dev.jpsync.api.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import dev.jpsync.jobs.importjob.ImportOnStartup;
import dev.jpsync.testsupport.UseTestDatabase;

/** On its first start (no posts) the service imports from the remote in the background while it answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=true") // src/test/resources/application.properties turns it off
@UseTestDatabase
class ImportOnStartupTest {

    // started before the context, which imports as soon as it is ready
    static final WireMockServer remote = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        remote.start();
        remote.stubFor(get("/posts").willReturn(okJson("""
                [{"userId": 1, "id": 1, "title": "one", "body": "first"},
                 {"userId": 1, "id": 2, "title": "two", "body": "second"}]""")
                .withFixedDelay(3000))); // slow remote: the service must answer meanwhile
        remote.stubFor(get("/comments").willReturn(okJson("""
                [{"postId": 2, "id": 1, "name": "n", "email": "a@b.c", "body": "c"}]""")));
    }

    @DynamicPropertySource
    static void remoteUrl(DynamicPropertyRegistry registry) {
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
    ImportOnStartup importOnStartup;

    @Test
    void importsInTheBackgroundWhileTheServiceAnswersAndOnlyIntoAnEmptyDatabase() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isZero();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.sql("SELECT COUNT(*) FROM comments").query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT CONCAT(id, ' ', title, ' ', remote_id) FROM posts ORDER BY id")
                .query(String.class).list()).containsExactly("1 one 1", "2 two 2");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM change_log").query(Long.class).single()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.sql("SELECT status FROM BATCH_JOB_EXECUTION").query(String.class).list().contains("COMPLETED"));

        // the next start finds posts and leaves them alone
        importOnStartup.importIntoEmptyDatabase();
        Thread.sleep(500);
        remote.verify(1, getRequestedFor(urlEqualTo("/posts")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Long.class).single()).isEqualTo(1);
    }
}
