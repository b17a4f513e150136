package dev.jpsync.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.api.ApiClient;
import dev.jpsync.api.StoredRecords;
import dev.jpsync.domain.Comment;
import dev.jpsync.domain.Post;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * The anonymous reads are the API's hot path: each costs exactly one statement on the database, with nothing
 * the driver or a transaction adds around it (a streamed listing made Connector/J set and reset
 * {@code net_write_timeout} around every listing: three round trips instead of one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sync.import.on-startup=false", "sync.schedule.export.enabled=false", "sync.export.scheduled=false",
        "spring.datasource.hikari.data-source-properties.queryInterceptors=dev.jpsync.api.web.StatementLog"})
@UseTestDatabase
class ReadRoundTripsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    long postId;
    long commentId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        StoredRecords records = new StoredRecords(jdbc);
        postId = records.insert(new Post(null, 1, "a post", "its body", null)).id();
        commentId = records.insert(new Comment(null, postId, "n", "a@b.example", "b", null)).id();
    }

    @Test
    void getOnePostIsOneSelect() {
        assertThat(statementsOf("/posts/" + postId)).singleElement().asString()
                .startsWithIgnoringCase("select").contains("posts");
    }

    @Test
    void getOneCommentIsOneSelect() {
        assertThat(statementsOf("/comments/" + commentId)).singleElement().asString()
                .startsWithIgnoringCase("select").contains("comments");
    }

    @Test
    void listingCommentsOfAPostIsOneSelect() {
        assertThat(statementsOf("/comments?postId=" + postId)).singleElement().asString()
                .startsWithIgnoringCase("select").contains("comments");
    }

    @Test
    void listingPostsIsOneSelect() {
        assertThat(statementsOf("/posts")).singleElement().asString()
                .startsWithIgnoringCase("select").contains("posts");
    }

    /** The statements one GET sends, after a first GET of the same path (so that none is a first preparation). */
    private List<String> statementsOf(String path) {
        assertThat(api.get(path).statusCode()).isEqualTo(200);
        StatementLog.SENT.clear();
        assertThat(api.get(path).statusCode()).isEqualTo(200);
        return List.copyOf(StatementLog.SENT);
    }
}
