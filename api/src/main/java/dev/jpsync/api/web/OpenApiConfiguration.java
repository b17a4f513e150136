package dev.jpsync.api.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/** The OpenAPI description's header; springdoc serves it at /v3/api-docs and Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

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
