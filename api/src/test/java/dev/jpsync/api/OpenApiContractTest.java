package dev.jpsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialects;

import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The served OpenAPI document is one a client generator can trust: valid against the OpenAPI 3.1 schema, every
 * example valid against the schema it illustrates, Basic auth declared and required exactly where the service
 * requires it, and a summary on every operation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=false")
@UseTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final List<String> SUBSCHEMAS = List.of("items", "additionalProperties", "not", "allOf", "anyOf",
            "oneOf", "prefixItems", "contains");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @LocalServerPort
    int port;

    JsonNode docs;

    @BeforeAll
    void fetchDocs() throws IOException {
        HttpResponse<String> answer = new ApiClient(port).get("/v3/api-docs");
        assertThat(answer.statusCode()).isEqualTo(200);
        docs = ApiClient.json(answer);
        Files.writeString(Path.of("target/openapi.json"), answer.body()); // to read, or to lint by hand
    }

    @Test
    void theDocumentIsValidAgainstTheOpenApi31Schema() throws Exception {
        assertThat(docs.get("openapi").asString()).startsWith("3.1.");
        try (InputStream schema = getClass().getResourceAsStream("/openapi/oas-3.1-schema.json")) {
            Schema oas31 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
            assertThat(oas31.validate(docs)).extracting(Error::toString).isEmpty();
        }
    }

    @Test
    void everyExampleIsValidAgainstItsSchema() {
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        walk(docs.get("paths"), "#/paths", false, schemas, problems, checked);
        walk(docs.get("components"), "#/components", false, schemas, problems, checked);

        assertThat(checked).as("examples found").hasSizeGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void basicAuthIsDeclaredAndRequiredExactlyWhereTheServiceRequiresIt() {
        assertThat(docs.at("/components/securitySchemes/basicAuth/type").asString()).isEqualTo("http");
        assertThat(docs.at("/components/securitySchemes/basicAuth/scheme").asString()).isEqualTo("basic");
        List<String> anonymous = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        forEachOperation((name, operation) -> {
            JsonNode security = operation.get("security");
            if (security == null) {
                missing.add(name);
            } else if (security.isEmpty()) {
                anonymous.add(name);
            }
        });
        assertThat(missing).as("operations without a security declaration").isEmpty();
        assertThat(anonymous).as("the operations anyone may call").contains(
                "GET /posts", "GET /posts/{id}", "GET /comments", "GET /comments/{id}", "GET /posts/{postId}/comments");
        assertThat(anonymous).allMatch(name -> name.startsWith("GET "));
        assertThat(anonymous).noneMatch(name -> name.contains("/jobs") || name.contains("/sync"));
    }

    @Test
    void theDeclaredSecurityIsWhatTheServiceEnforces() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> disagreements = new ArrayList<>();
        forEachOperation((name, operation) -> {
            String method = name.substring(0, name.indexOf(' '));
            String path = name.substring(name.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
            boolean write = List.of("POST", "PUT", "PATCH").contains(method);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, write ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                    .header("Content-Type", "application/json").build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                boolean declaredOpen = operation.get("security").isEmpty();
                if (declaredOpen == (status == 401)) {
                    disagreements.add(name + ": declared " + (declaredOpen ? "open" : "Basic auth")
                            + ", anonymous call answered " + status);
                }
            } catch (Exception e) {
                disagreements.add(name + ": " + e);
            }
        });
        assertThat(disagreements).isEmpty();
    }

    @Test
    void everyOperationHasASummaryAndAnOperationId() {
        List<String> incomplete = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (!operation.hasNonNull("summary") || operation.get("summary").asString().isBlank()
                    || !operation.hasNonNull("operationId")) {
                incomplete.add(name);
            }
        });
        assertThat(incomplete).isEmpty();
    }

    @Test
    void patchBodiesRequireNoField() {
        for (String path : List.of("/posts/{id}", "/comments/{id}")) {
            JsonNode schema = resolve(docs.at("/paths/" + path.replace("/", "~1")
                    + "/patch/requestBody/content/application~1json/schema"));
            assertThat(schema.has("required")).as(path).isFalse();
            assertThat(schema.get("properties").size()).as(path).isGreaterThan(2);
        }
    }

    private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> action) {
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    action.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref == null ? schema : docs.at(ref.asString().substring(1));
    }

    /**
     * Checks every example under {@code node}: of a media type, parameter or header (against its {@code schema}),
     * and of a schema (against that schema).
     */
    private void walk(JsonNode node, String where, boolean isSchema, SchemaRegistry schemas, List<String> problems,
            List<String> checked) {
        if (node == null || !node.isObject()) {
            if (node != null && node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), where + "/" + i, isSchema, schemas, problems, checked);
                }
            }
            return;
        }
        if (isSchema && node.has("example")) {
            check(node.get("example"), node, where + "/example", schemas, problems, checked);
        }
        if (!isSchema && node.has("schema")) {
            if (node.has("example")) {
                check(node.get("example"), node.get("schema"), where + "/example", schemas, problems, checked);
            }
            if (node.has("examples")) {
                for (Map.Entry<String, JsonNode> example : node.get("examples").properties()) {
                    if (example.getValue().has("value")) {
                        check(example.getValue().get("value"), node.get("schema"),
                                where + "/examples/" + example.getKey(), schemas, problems, checked);
                    }
                }
            }
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            String key = child.getKey();
            if (key.equals("example") || key.equals("examples")) {
                continue;
            }
            if (!isSchema && where.equals("#/components") && key.equals("schemas")
                    || isSchema && key.equals("properties")) {
                for (Map.Entry<String, JsonNode> named : child.getValue().properties()) {
                    walk(named.getValue(), where + "/" + key + "/" + named.getKey(), true, schemas, problems, checked);
                }
            } else if (!isSchema || SUBSCHEMAS.contains(key)) { // not enum, default, const: values, not schemas
                walk(child.getValue(), where + "/" + key, isSchema || key.equals("schema"), schemas, problems,
                        checked);
            }
        }
    }

    private void check(JsonNode example, JsonNode schema, String where, SchemaRegistry schemas, List<String> problems,
            List<String> checked) {
        ObjectNode standalone = (ObjectNode) schema.deepCopy();
        standalone.remove("example");
        standalone.set("components", docs.get("components")); // for the $refs into #/components/schemas
        List<Error> errors = schemas.getSchema(standalone).validate(example);
        checked.add(where);
        errors.forEach(error -> problems.add(where + ": " + error));
    }
}
