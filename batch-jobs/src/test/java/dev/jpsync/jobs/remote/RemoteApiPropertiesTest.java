package dev.jpsync.jobs.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RemoteApiPropertiesTest {

    private static RemoteApiProperties remote(String baseUrl) {
        return new RemoteApiProperties(URI.create(baseUrl), Duration.ofSeconds(1), Duration.ofSeconds(1),
                DataSize.ofMegabytes(1), new RemoteApiProperties.Retry(1, Duration.ofMillis(1), 1.0,
                        Duration.ofMillis(1), Duration.ofSeconds(1)));
    }

    @Test
    void trailingSlashesAreDroppedOnceForEveryUser() {
        assertThat(remote("http://localhost:3000/api//").baseUrl()).hasToString("http://localhost:3000/api");
        assertThat(remote("http://localhost:3000/").baseUrl()).hasToString("http://localhost:3000");
        assertThat(remote("https://jsonplaceholder.typicode.com").baseUrl())
                .hasToString("https://jsonplaceholder.typicode.com");
    }

    @Test
    void pathsJoinWithExactlyOneSlash() {
        assertThat(remote("http://localhost:3000/api/").url("/posts")).isEqualTo("http://localhost:3000/api/posts");
        assertThat(remote("http://localhost:3000/api").url("posts")).isEqualTo("http://localhost:3000/api/posts");
    }
}
