package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * The import's readers are one per step, not one per step execution: each execution's open starts afresh from
 * its ExecutionContext, and a second execution cannot open a reader another one is still reading with.
 */
class RemoteArrayReaderTest {

    private final RemoteArrayReader reader = new RemoteArrayReader(RestClient.create("http://127.0.0.1:9"), "/posts",
            "http://127.0.0.1:9/posts", JsonMapper.builder().build(), RetryPolicy.builder().maxRetries(0).build(), 1,
            Duration.ZERO, "posts");

    @Test
    void refusesASecondOpenUntilClosed() {
        reader.open(new ExecutionContext());

        assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
                .hasMessage("GET http://127.0.0.1:9/posts is already being read by another step execution");

        reader.close();
        reader.open(new ExecutionContext());
        reader.close();
    }

    @Test
    void eachOpenStartsFromItsOwnExecutionContext() {
        ExecutionContext restarted = new ExecutionContext();
        restarted.putLong("posts.position", 40);
        restarted.putLong("posts.lastId", 41);
        reader.open(restarted);
        ExecutionContext saved = new ExecutionContext();
        reader.update(saved);
        reader.close();
        assertThat(saved.getLong("posts.position")).isEqualTo(40);
        assertThat(saved.getLong("posts.lastId")).isEqualTo(41);

        reader.open(new ExecutionContext());
        ExecutionContext fresh = new ExecutionContext();
        reader.update(fresh);
        reader.close();
        assertThat(fresh.getLong("posts.position")).isZero();
        assertThat(fresh.containsKey("posts.lastId")).isFalse();
    }
}
