package dev.jpsync.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jpsync.api.TestUsers;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * With no users configured the service makes up a strong random password for {@code admin}, prints it once,
 * and that password (and only it) works, for both roles.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // main application.yml only: the test users of src/test/resources/application.properties stay out
        "spring.config.location=classpath:/application.yml",
        "sync.schedule.export.enabled=false", "sync.import.on-startup=false", "sync.remote.base-url=http://127.0.0.1:9"})
@UseTestDatabase
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminTest {

    private static final Pattern PASSWORD = Pattern.compile("valid until this process stops:\\s+(\\S+)");

    @LocalServerPort
    int port;

    @Test
    void printsAGeneratedPasswordThatWorksForBothRoles(CapturedOutput output) throws Exception {
        // the context started before this method; its log went to the captured stdout of the JVM
        Matcher matcher = PASSWORD.matcher(output.getAll());
        assertThat(matcher.find()).as("generated password printed").isTrue();
        String password = matcher.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
        assertThat(matcher.find()).as("printed once").isFalse();

        assertThat(get("/jobs", TestUsers.basic("admin", password))).isEqualTo(200);
        assertThat(get("/actuator/prometheus", TestUsers.basic("admin", password))).isEqualTo(200);
        assertThat(send("POST", "/posts", TestUsers.basic("admin", password))).isNotIn(401, 403);
        assertThat(get("/jobs", TestUsers.basic("admin", "admin"))).isEqualTo(401);
        assertThat(get("/jobs", TestUsers.basic("operator", "operator-secret"))).isEqualTo(401);
    }

    private int get(String path, String authorization) throws Exception {
        return send("GET", path, authorization);
    }

    private int send(String method, String path, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
