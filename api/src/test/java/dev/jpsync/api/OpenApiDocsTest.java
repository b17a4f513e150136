package dev.jpsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;

/** springdoc serves the OpenAPI description of every endpoint, with examples, and Swagger UI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=false")
@UseTestDatabase
class OpenApiDocsTest {

    @LocalServerPort
    int port;

    @Test
    void apiDocsListThePathsWithTheirOperationsAndExamples() {
        HttpResponse<String> docs = new ApiClient(port).get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = ApiClient.json(docs).get("paths");
        assertThat(paths.propertyNames()).contains("/posts", "/posts/{id}", "/posts/{postId}/comments", "/comments",
                "/comments/{id}");
        assertThat(paths.get("/posts").propertyNames()).contains("get", "post");
        assertThat(paths.get("/posts/{id}").propertyNames()).contains("get", "put", "patch", "delete");
        assertThat(paths.get("/comments/{id}").propertyNames()).contains("get", "put", "patch", "delete");
        assertThat(paths.get("/comments").get("post").get("responses").propertyNames())
                .contains("201", "400", "422");
        assertThat(docs.body()).contains("Eliseo@gardner.biz", "must be at most 255 characters", "_page");
        assertThat(ApiClient.json(docs).at("/components/schemas/PostInput/properties/title/maxLength").asInt())
                .isEqualTo(255);
    }

    @Test
    void theSyncEndpointsAreDescribedWithExamples() {
        JsonNode docs = ApiClient.json(new ApiClient(port).get("/v3/api-docs"));

        JsonNode paths = docs.get("paths");
        assertThat(paths.propertyNames()).contains("/sync/pending", "/sync/changes", "/sync/drift", "/sync/drift/repair",
                "/sync/drift/{id}/repair");
        assertThat(paths.at("/~1sync~1pending/get/description").asString()).contains("export's own fold");
        assertThat(paths.at("/~1sync~1drift/get/description").asString()).contains("fakes writes");
        assertThat(paths.at("/~1sync~1drift~1repair/post/responses").propertyNames()).contains("200", "400", "404");
        String text = docs.toString();
        assertThat(text).contains("PUT /posts/2 (next export)", "\"sourceOfTruth\":\"LOCAL\"", "UPDATE_HERE");
        assertThat(docs.at("/components/schemas/DriftEntry/properties/remoteState/type").asString()).isEqualTo("object");
    }

    @Test
    void swaggerUiIsServed() {
        HttpResponse<String> ui = new ApiClient(port).get("/swagger-ui/index.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
