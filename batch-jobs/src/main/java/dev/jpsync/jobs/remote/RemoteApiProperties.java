package dev.jpsync.jobs.remote;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The remote JSONPlaceholder-style API ({@code sync.remote.*}; environment {@code SYNC_REMOTE_BASE_URL} etc.).
 *
 * @param baseUrl        root of the API, without a trailing slash
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for a response (or between bytes of a streamed one)
 */
@Validated
@ConfigurationProperties("sync.remote")
public record RemoteApiProperties(
        @NotNull @DefaultValue("https://jsonplaceholder.typicode.com") URI baseUrl,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout) {
}
