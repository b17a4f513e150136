package dev.jpsync.api.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The remote API's reachability check ({@code sync.health.remote.*}).
 *
 * @param path     what to ask the remote for, relative to {@code sync.remote.base-url}; small and cheap
 * @param timeout  connect and response timeout of the check
 * @param cacheFor how long one answer stands, so that frequent health probes do not hammer the remote
 */
@Validated
@ConfigurationProperties("sync.health.remote")
public record RemoteHealthProperties(
        @NotBlank @DefaultValue("/posts/1") String path,
        @NotNull @DefaultValue("2s") Duration timeout,
        @NotNull @DefaultValue("15s") Duration cacheFor) {
}
