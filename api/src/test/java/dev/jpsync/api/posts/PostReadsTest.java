package dev.jpsync.api.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.jpsync.api.StoredRecords;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * {@code Posts.readById}, the stateless read behind {@code GET /posts/{id}}: it answers what is committed, and it
 * refuses to run inside a transaction, where it would not see that transaction's own writes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=false")
@UseTestDatabase
class PostReadsTest {

    @Autowired
    Posts posts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void readsTheCommittedRowOrNothing() {
        long id = new StoredRecords(jdbc).insert(new dev.jpsync.domain.Post(null, 3, "a title", "a body", null)).id();

        assertThat(posts.readById(id)).hasValueSatisfying(post -> {
            assertThat(post.getId()).isEqualTo(id);
            assertThat(post.getUserId()).isEqualTo(3);
            assertThat(post.getTitle()).isEqualTo("a title");
            assertThat(post.getBody()).isEqualTo("a body");
        });
        assertThat(posts.readById(id + 1_000_000)).isEmpty();
    }

    @Test
    void refusesToReadInsideATransaction() {
        long id = new StoredRecords(jdbc).insert(new dev.jpsync.domain.Post(null, 3, "a title", "a body", null)).id();

        // the repository's exception translation turns the IllegalStateException into Spring's own
        assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
                .isThrownBy(() -> transactions.executeWithoutResult(status -> posts.readById(id)))
                .withMessageContaining("outside a transaction");
    }
}
