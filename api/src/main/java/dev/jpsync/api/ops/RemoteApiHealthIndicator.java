package dev.jpsync.api.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import dev.jpsync.jobs.remote.RemoteApiProperties;

/**
 * Whether the remote API answers ({@code remoteApi} in {@code /actuator/health}). Non-fatal by design: an
 * unreachable remote is reported as {@value #UNREACHABLE}, which the service orders below UP
 * ({@code management.endpoint.health.status.order}), so the overall status stays UP: the service still
 * serves and edits its data, and the export simply retries later. {@code /actuator/health/remote} shows the
 * check alone and answers 503 when the remote is unreachable.
 */
@Component("remoteApi")
@EnableConfigurationProperties(RemoteHealthProperties.class)
class RemoteApiHealthIndicator implements HealthIndicator {

    static final String UNREACHABLE = "UNREACHABLE";

    private record Checked(Health health, Instant at) {
    }

    private final URI target;
    private final RemoteHealthProperties properties;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private volatile Checked last;

    RemoteApiHealthIndicator(RemoteApiProperties remote, RemoteHealthProperties properties) {
        this.target = URI.create(remote.url(properties.path()));
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Health health() {
        Checked checked = last;
        if (checked == null || checked.at().plus(properties.cacheFor()).isBefore(clock.instant())) {
            checked = new Checked(check(), clock.instant());
            last = checked;
        }
        return checked.health();
    }

    private Health check() {
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).timeout(properties.timeout())
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - started) / 1_000_000;
            // any answer below 500 means the remote is there and talking; 5xx means it is there but failing
            Health.Builder builder = response.statusCode() < 500 ? Health.up() : Health.status(new Status(UNREACHABLE));
            return builder.withDetail("url", target.toString())
                    .withDetail("httpStatus", response.statusCode())
                    .withDetail("responseTimeMs", millis)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(e);
        } catch (Exception e) {
            return unreachable(e);
        }
    }

    private Health unreachable(Exception e) {
        return Health.status(new Status(UNREACHABLE, "The remote API did not answer"))
                .withDetail("url", target.toString())
                .withDetail("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                .build();
    }
}
