package dev.jpsync.api.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springdoc.core.utils.SpringDocUtils;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description's header; springdoc serves it at /v3/api-docs and Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // JSON documents carried as they are (the drift report's states, a change's payload): an object, not the
        // getters of Jackson's tree class
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class,
                new ObjectSchema().description("a JSON object, as stored"));
    }

    @Bean
    OpenAPI jsonPlaceholderSyncApi() {
        return new OpenAPI().info(new Info()
                .title("jsonplaceholder-sync API")
                .version("1")
                .description("""
                        JSONPlaceholder-compatible posts and comments, stored in MySQL; every change is captured \
                        into a change log and exported to the remote. Same JSON shape and status codes as \
                        JSONPlaceholder, except that every refusal (400, 404, 412, 413, 415, 422) answers RFC 9457 \
                        problem details (application/problem+json). Unknown body fields are refused (400)."""));
    }
}
