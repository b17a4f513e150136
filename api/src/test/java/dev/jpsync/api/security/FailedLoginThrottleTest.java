package dev.jpsync.api.security;

import static dev.jpsync.api.TestUsers.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jpsync.api.TestUsers;
import dev.jpsync.testsupport.UseTestDatabase;

/** Wrong passwords from one address: a burst, then 429 with Retry-After and no password check. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sync.security.failed-logins.burst=3", "sync.security.failed-logins.refill-every=1h"})
@UseTestDatabase
class FailedLoginThrottleTest {

    @LocalServerPort
    int port;

    @Test
    void anAddressThatKeepsFailingIsToldToWait() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/posts", TestUsers.basic(OPERATOR, "guess-" + i)).statusCode()).as("guess " + i)
                    .isEqualTo(401);
        }
        for (String credentials : new String[] {TestUsers.basic(OPERATOR, "guess-4"), TestUsers.basic(OPERATOR)}) {
            HttpResponse<String> refused = get("/jobs", credentials);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Long.parseLong(seconds)).isBetween(3000L, 3600L));
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"status\":429").contains("\"detail\":");
        }
        // reading without credentials is not a login attempt
        assertThat(get("/posts", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
