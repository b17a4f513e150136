package dev.jpsync.api.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jpsync.testsupport.MigratedSchema;
import dev.jpsync.testsupport.TestDatabase;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /comments} of 500,000 comments (about 250 MB of JSON) from a service started in its own JVM with a
 * heap of 256 MB: the listing streams from the result set to the response, so it answers in full instead of
 * running out of memory on a list of the whole table.
 */
class LargeListingMemoryTest {

    private static final int COMMENTS = 500_000;
    // reads one element of the array at a time: the rest of the array follows it
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private Process service;

    @AfterEach
    void stopService() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
    }

    @Test
    void aWholeTableListingStreamsInASmallHeap() throws Exception {
        TestDatabase.Schema schema;
        try (MigratedSchema migrated = MigratedSchema.create("largelisting", 1)) {
            schema = migrated.schema();
        }
        fill(schema);
        int port = freePort();
        Path log = Files.createTempFile("large-listing-service", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                "dev.jpsync.api.SyncServiceApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + schema.url(),
                "--spring.datasource.username=" + schema.username(),
                "--spring.datasource.password=" + schema.password(),
                "--sync.embedded-db.enabled=false"));
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        awaitUp(http, port, log);

        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/comments")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            service.waitFor();
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError("GET /comments failed (" + e + "); the service's last lines: "
                    + lines.subList(Math.max(0, lines.size() - 5), lines.size()), e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));

        long count = 0;
        JsonNode first = null;
        long lastId = 0;
        try (InputStream body = response.body(); JsonParser parser = JSON.createParser(body)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode comment = JSON.readTree(parser);
                if (first == null) {
                    first = comment;
                }
                assertThat(comment.get("id").asLong()).as("ids in order").isGreaterThan(lastId);
                lastId = comment.get("id").asLong();
                count++;
            }
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_ARRAY);
        }
        assertThat(service.isAlive()).as("the service survived; its log: " + log).isTrue();
        assertThat(count).isEqualTo(COMMENTS);
        assertThat(first).isNotNull();
        // the same JSON as for any listing: JSONPlaceholder's keys in its order
        assertThat(JSON.writeValueAsString(first)).startsWith("{\"postId\":1,\"id\":1,\"name\":\"name 1\","
                + "\"email\":\"c1@example.com\",\"body\":\"");
        Files.deleteIfExists(log);
    }

    /** One post and 500,000 comments of ~400 characters each, written without change capture. */
    private static void fill(TestDatabase.Schema schema) throws Exception {
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            s.execute("SET @sync_capture_off = 1");
            s.execute("INSERT INTO posts (id, user_id, title, body) VALUES (1, 1, 'the post', 'its body')");
            s.execute("CREATE TEMPORARY TABLE digits (d INT PRIMARY KEY)");
            s.execute("INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
            s.execute("""
                    INSERT INTO comments (id, post_id, name, email, body)
                    SELECT n, 1, CONCAT('name ', n), CONCAT('c', n, '@example.com'), REPEAT('lorem ipsum ', 33)
                    FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 100000 * f.d AS n
                          FROM digits a, digits b, digits c, digits d, digits e, digits f) numbers
                    WHERE n <= %d""".formatted(COMMENTS));
        }
    }

    private void awaitUp(HttpClient http, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service stopped: " + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the service did not start within 3 minutes: " + Files.readString(log));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
