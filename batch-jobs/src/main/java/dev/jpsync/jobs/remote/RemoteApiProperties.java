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
 * @param baseUrl        root of the API; a trailing slash is dropped here, once, so that every path is joined
 *                       to it the same way ({@link #url})
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for a response (or between bytes of a streamed one)
 */
@Validated
@ConfigurationProperties("sync.remote")
public record RemoteApiProperties(
        @NotNull @DefaultValue("https://jsonplaceholder.typicode.com") URI baseUrl,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout) {

    public RemoteApiProperties {
        if (baseUrl != null) {
            String base = baseUrl.toString();
            int end = base.length();
            while (end > 0 && base.charAt(end - 1) == '/') {
                end--;
            }
            baseUrl = URI.create(base.substring(0, end));
        }
    }

    /** The absolute URL of a path on the remote: {@code url("/posts")} is {@code <base-url>/posts}. */
    public String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }
}
