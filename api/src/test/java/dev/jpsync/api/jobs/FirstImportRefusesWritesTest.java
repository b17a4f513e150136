package dev.jpsync.api.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

import dev.jpsync.api.ApiClient;
import dev.jpsync.api.TestUsers;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * While the service's first import runs, writes to posts and comments are refused with 503 and Retry-After
 * (reads are answered): a record created then would take an id upstream uses. After it, writes go through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=true") // src/test/resources/application.properties turns it off
@UseTestDatabase
class FirstImportRefusesWritesTest {

    static final WireMockServer remote = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        remote.start();
        remote.stubFor(get("/posts").willReturn(okJson("""
                [{"userId": 1, "id": 1, "title": "one", "body": "first"},
                 {"userId": 1, "id": 2, "title": "two", "body": "second"}]""")
                .withFixedDelay(6000))); // the first import is still reading while the test writes
        remote.stubFor(get("/comments").willReturn(okJson("""
                [{"postId": 2, "id": 1, "name": "n", "email": "a@b.cd", "body": "c"}]""")));
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

    @Test
    void writesWaitForTheFirstImportReadsDoNot() {
        TestUsers users = new TestUsers(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'").query(Long.class).single() == 1);

        HttpResponse<String> refused = users.post("/posts", TestUsers.EDITOR,
                "{\"userId\": 7, \"title\": \"too early\", \"body\": \"mine\"}");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(ApiClient.contentType(refused)).isEqualTo("application/problem+json");
        assertThat(ApiClient.json(refused).get("detail").stringValue()).contains("first import");
        assertThat(users.send("DELETE", "/comments/1", TestUsers.EDITOR, null).statusCode()).isEqualTo(503);
        assertThat(users.get("/posts", TestUsers.READER).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posts").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM change_log").query(Long.class).single()).isZero();

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'").query(Long.class).single() == 1);
        HttpResponse<String> created = users.post("/posts", TestUsers.EDITOR,
                "{\"userId\": 7, \"title\": \"after the import\", \"body\": \"mine\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(ApiClient.json(created).get("id").longValue()).isEqualTo(3);
    }
}
