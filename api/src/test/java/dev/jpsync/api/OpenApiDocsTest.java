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
    void swaggerUiIsServed() {
        HttpResponse<String> ui = new ApiClient(port).get("/swagger-ui/index.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
