package dev.jpsync.api.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springdoc.core.utils.SpringDocUtils;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description; springdoc serves it at /v3/api-docs and Swagger UI at /swagger-ui.html. Besides the
 * header, it completes what the annotations cannot say once for all operations, so that a client generator can
 * trust the document (OpenApiContractTest checks it against the OpenAPI 3.1 schema, e2e runs redocly lint):
 * who may call what, PATCH bodies, response-header schemas and the problem-details schema.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // JSON documents carried as they are (the drift report's states, a change's payload): an object, not the
        // getters of Jackson's tree class
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class,
                new ObjectSchema().description("a JSON object, as stored"));
    }

    static final String BASIC_AUTH = "basicAuth";

    @Bean
    OpenAPI jsonPlaceholderSyncApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("jsonplaceholder-sync API")
                        .version("1")
                        .description("""
                                JSONPlaceholder-compatible posts and comments, stored in MySQL; every change is captured \
                                into a change log and exported to the remote. Same JSON shape and status codes as \
                                JSONPlaceholder, except that every refusal (400, 401, 403, 404, 409, 412, 413, 415, 422) \
                                answers RFC 9457 problem details (application/problem+json). Unknown body fields are \
                                refused (400). Reading posts and comments is open; writing them needs HTTP Basic \
                                credentials of an EDITOR, job control and sync failures those of an OPERATOR."""))
                .components(new Components().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A user of sync.security.users; roles EDITOR (writes) and OPERATOR (jobs)")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
    }

    @Bean
    OpenApiCustomizer trustworthyApiDocs() {
        return openApi -> {
            declareSecurityPerOperation(openApi);
            patchBodiesWithoutRequiredFields(openApi);
            headersWithSchemas(openApi);
            problemDetailsAsWritten(openApi);
        };
    }

    /**
     * Reads of posts and comments are anonymous ({@code security: []}); every other operation needs Basic auth.
     * The same rule as SecurityConfiguration's; OpenApiContractTest calls every operation anonymously to prove
     * that the two agree.
     */
    private static void declareSecurityPerOperation(OpenAPI openApi) {
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean openRead = method == PathItem.HttpMethod.GET
                    && (path.startsWith("/posts") || path.startsWith("/comments"));
            operation.setSecurity(openRead ? List.of()
                    : List.of(new SecurityRequirement().addList(BASIC_AUTH)));
            if (!openRead) {
                operation.getResponses().putIfAbsent("401", problemResponse("no or wrong credentials"));
                operation.getResponses().putIfAbsent("403", problemResponse("the user lacks the role this needs"));
            }
        }));
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(ApiDocs.PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
    }

    /** A PATCH sends any of the fields: its body schema is the input schema with nothing required. */
    private static void patchBodiesWithoutRequiredFields(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        openApi.getPaths().values().forEach(item -> {
            Operation patch = item.getPatch();
            if (patch == null || patch.getRequestBody() == null) {
                return;
            }
            patch.getRequestBody().getContent().values().forEach(mediaType -> {
                String ref = mediaType.getSchema() == null ? null : mediaType.getSchema().get$ref();
                if (ref == null || !ref.endsWith("Input")) {
                    return; // no input schema, or already replaced (a PATCH takes two media types)
                }
                String input = ref.substring(ref.lastIndexOf('/') + 1);
                String name = input.replace("Input", "") + "Patch";
                Schema<?> full = schemas.get(input);
                schemas.computeIfAbsent(name, n -> new Schema<>()
                        .type("object").types(Set.of("object"))
                        .description("Any of the fields of " + input + "; absent fields keep their value.")
                        .properties(full.getProperties())
                        .minProperties(1));
                mediaType.setSchema(new Schema<>().$ref("#/components/schemas/" + name));
            });
        });
    }

    /** OpenAPI requires a schema (or content) for every header; ours are all single strings. */
    private static void headersWithSchemas(OpenAPI openApi) {
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                return;
            }
            for (ApiResponse response : operation.getResponses().values()) {
                if (response.getHeaders() != null) {
                    response.getHeaders().values().stream().filter(header -> header.getSchema() == null)
                            .forEach(header -> header.setSchema(new Schema<>().type("string").types(Set.of("string"))));
                }
            }
        }));
    }

    /**
     * ProblemDetail as the service writes it (RFC 9457): {@code type} and {@code instance} are URI references
     * ("/posts/7" is one), and extension members such as {@code errors} sit at the top level, not under a
     * {@code properties} member.
     */
    private static void problemDetailsAsWritten(OpenAPI openApi) {
        Schema<?> problem = openApi.getComponents().getSchemas().get("ProblemDetail");
        if (problem == null || problem.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = new LinkedHashMap<>(problem.getProperties());
        properties.remove("properties");
        for (String uri : List.of("type", "instance")) {
            if (properties.get(uri) != null) {
                properties.get(uri).setFormat("uri-reference");
            }
        }
        problem.setProperties(properties);
        problem.setAdditionalProperties(true);
    }
}
