package dev.jpsync.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.jpsync.api.ApiClient;
import dev.jpsync.api.StoredRecords;
import dev.jpsync.api.DatabaseState;
import dev.jpsync.api.TestUsers;
import dev.jpsync.domain.Comment;
import dev.jpsync.domain.Post;
import dev.jpsync.testsupport.UseTestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad input is refused with problem details (status, application/problem+json, a human detail,
 * the field errors) and leaves posts, comments and the change log exactly as they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.import.on-startup=false")
@UseTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputMatrixTest {

    private static final String JSON = "application/json";
    private static final String VALID_POST = "{\"userId\": 1, \"title\": \"t\", \"body\": \"b\"}";
    private static final String VALID_COMMENT = "{\"postId\": %d, \"name\": \"n\", \"email\": \"a@b.cd\", \"body\": \"b\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    StoredRecords records;

    ApiClient api;
    long postId;
    long commentId;

    /** One refused request: {post} and {comment} in path and body stand for the fixture's ids. */
    record Case(String name, String method, String path, String contentType, String body, int status,
                Set<String> fields) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void fixture() {
        api = new ApiClient(port);
        records = new StoredRecords(jdbc);
        postId = records.insert(new Post(null, 1, "fixture title", "fixture body", null)).id();
        commentId = records.insert(new Comment(null, postId, "fixture", "f@x.io", "fixture body", null)).id();
    }

    static Stream<Case> badInput() {
        String longTitle = "x".repeat(256);
        String longBody = "x".repeat(10_001);
        List<Case> cases = new ArrayList<>(List.of(
                // malformed or not an object
                new Case("malformed JSON", "POST", "/posts", JSON, "{\"userId\": 1, \"title\": ", 400, Set.of()),
                new Case("trailing garbage", "POST", "/posts", JSON, "{\"userId\": 1} x", 400, Set.of()),
                new Case("array instead of object", "POST", "/posts", JSON, "[" + VALID_POST + "]", 400, Set.of()),
                new Case("empty body", "POST", "/posts", JSON, "", 400, Set.of()),
                new Case("malformed JSON on PUT", "PUT", "/posts/{post}", JSON, "{title: 'x'}", 400, Set.of()),
                new Case("malformed JSON on PATCH of a comment", "PATCH", "/comments/{comment}", JSON, "{", 400, Set.of()),
                // wrong types
                new Case("userId as string", "POST", "/posts", JSON,
                        "{\"userId\": \"1\", \"title\": \"t\", \"body\": \"b\"}", 400, Set.of("userId")),
                new Case("userId fraction", "POST", "/posts", JSON,
                        "{\"userId\": 1.5, \"title\": \"t\", \"body\": \"b\"}", 400, Set.of("userId")),
                new Case("userId beyond 64 bits", "POST", "/posts", JSON,
                        "{\"userId\": 99999999999999999999, \"title\": \"t\", \"body\": \"b\"}", 400, Set.of("userId")),
                new Case("title as number", "POST", "/posts", JSON,
                        "{\"userId\": 1, \"title\": 5, \"body\": \"b\"}", 400, Set.of("title")),
                new Case("body as object", "PUT", "/posts/{post}", JSON,
                        "{\"userId\": 1, \"title\": \"t\", \"body\": {\"a\": 1}}", 400, Set.of("body")),
                new Case("postId as string on PATCH", "PATCH", "/comments/{comment}", JSON,
                        "{\"postId\": \"{post}\"}", 400, Set.of("postId")),
                new Case("email as array", "POST", "/comments", JSON,
                        "{\"postId\": {post}, \"name\": \"n\", \"email\": [\"a@b.cd\"], \"body\": \"b\"}", 400,
                        Set.of("email")),
                // missing, null, blank
                new Case("missing title and body", "POST", "/posts", JSON, "{\"userId\": 1}", 400,
                        Set.of("title", "body")),
                new Case("empty object on PUT", "PUT", "/posts/{post}", JSON, "{}", 400,
                        Set.of("userId", "title", "body")),
                new Case("missing postId", "POST", "/comments", JSON,
                        "{\"name\": \"n\", \"email\": \"a@b.cd\", \"body\": \"b\"}", 400, Set.of("postId")),
                new Case("blank title", "POST", "/posts", JSON,
                        "{\"userId\": 1, \"title\": \"   \", \"body\": \"b\"}", 400, Set.of("title")),
                new Case("empty name", "PUT", "/comments/{comment}", JSON,
                        "{\"postId\": {post}, \"name\": \"\", \"email\": \"a@b.cd\", \"body\": \"b\"}", 400,
                        Set.of("name")),
                new Case("null title on PATCH", "PATCH", "/posts/{post}", JSON, "{\"title\": null}", 400,
                        Set.of("title")),
                new Case("userId zero", "POST", "/posts", JSON,
                        "{\"userId\": 0, \"title\": \"t\", \"body\": \"b\"}", 400, Set.of("userId")),
                // over the column limits
                new Case("title of 256 characters", "POST", "/posts", JSON,
                        "{\"userId\": 1, \"title\": \"" + longTitle + "\", \"body\": \"b\"}", 400, Set.of("title")),
                new Case("title of 256 characters on PATCH", "PATCH", "/posts/{post}", JSON,
                        "{\"title\": \"" + longTitle + "\"}", 400, Set.of("title")),
                new Case("post body of 10001 characters", "PUT", "/posts/{post}", JSON,
                        "{\"userId\": 1, \"title\": \"t\", \"body\": \"" + longBody + "\"}", 400, Set.of("body")),
                new Case("name and email of 256 characters", "POST", "/comments", JSON,
                        "{\"postId\": {post}, \"name\": \"" + longTitle + "\", \"email\": \"" + "a".repeat(250)
                                + "@b.cde\", \"body\": \"b\"}", 400, Set.of("name", "email")),
                new Case("comment body of 10001 characters", "PATCH", "/comments/{comment}", JSON,
                        "{\"body\": \"" + longBody + "\"}", 400, Set.of("body")),
                // invalid email
                new Case("email without @", "POST", "/comments", JSON,
                        "{\"postId\": {post}, \"name\": \"n\", \"email\": \"not-an-email\", \"body\": \"b\"}", 400,
                        Set.of("email")),
                new Case("email without domain dot", "PATCH", "/comments/{comment}", JSON,
                        "{\"email\": \"a@localhost\"}", 400, Set.of("email")),
                new Case("email with spaces", "PUT", "/comments/{comment}", JSON,
                        "{\"postId\": {post}, \"name\": \"n\", \"email\": \"a b@c.de\", \"body\": \"b\"}", 400,
                        Set.of("email")),
                // unknown fields and ids the client may not choose
                new Case("unknown field", "POST", "/posts", JSON,
                        "{\"userId\": 1, \"tittle\": \"t\", \"title\": \"t\", \"body\": \"b\"}", 400, Set.of("tittle")),
                new Case("remoteId is internal", "PATCH", "/comments/{comment}", JSON, "{\"remoteId\": 5}", 400,
                        Set.of("remoteId")),
                new Case("id on create", "POST", "/posts", JSON,
                        "{\"id\": 5, \"userId\": 1, \"title\": \"t\", \"body\": \"b\"}", 400, Set.of("id")),
                new Case("id other than the path's", "PUT", "/posts/{post}", JSON,
                        "{\"id\": 999999, \"userId\": 1, \"title\": \"t\", \"body\": \"b\"}", 400, Set.of("id")),
                // path and query
                new Case("non-numeric id on GET", "GET", "/posts/abc", null, null, 400, Set.of("id")),
                new Case("non-numeric id on PUT", "PUT", "/comments/1x", JSON, VALID_POST, 400, Set.of("id")),
                new Case("non-numeric id on DELETE", "DELETE", "/posts/one", null, null, 400, Set.of("id")),
                new Case("non-numeric post id of nested comments", "GET", "/posts/x/comments", null, null, 400,
                        Set.of("postId")),
                new Case("non-numeric userId filter", "GET", "/posts?userId=abc", null, null, 400, Set.of("userId")),
                new Case("negative _limit", "GET", "/comments?_limit=-1", null, null, 400, Set.of("_limit")),
                new Case("non-numeric _page", "GET", "/posts?_page=two", null, null, 400, Set.of("_page")),
                new Case("unknown _sort field", "GET", "/posts?_sort=nope", null, null, 400, Set.of("_sort")),
                new Case("unknown _order", "GET", "/posts?_sort=id&_order=sideways", null, null, 400, Set.of("_order")),
                new Case("full-text search is not offered", "GET", "/posts?q=dolor", null, null, 400, Set.of("q")),
                new Case("_like operator is not offered", "GET", "/comments?email_like=biz", null, null, 400,
                        Set.of("email_like")),
                // media types and size
                new Case("text/plain", "POST", "/posts", "text/plain", VALID_POST, 415, Set.of()),
                new Case("form data", "PUT", "/posts/{post}", "application/x-www-form-urlencoded",
                        "userId=1&title=t&body=b", 415, Set.of()),
                new Case("no content type", "POST", "/comments", null, String.format(VALID_COMMENT, 1L), 415, Set.of()),
                new Case("XML", "PATCH", "/comments/{comment}", "application/xml", "<body>x</body>", 415, Set.of()),
                new Case("body over 1 MB", "POST", "/posts", JSON,
                        "{\"userId\": 1, \"title\": \"t\", \"body\": \"" + "x".repeat(1024 * 1024) + "\"}", 413,
                        Set.of()),
                // rules about other records
                new Case("comment on a post that does not exist", "POST", "/comments", JSON,
                        String.format(VALID_COMMENT, 987654L), 422, Set.of("postId")),
                new Case("moving a comment to a post that does not exist", "PATCH", "/comments/{comment}", JSON,
                        "{\"postId\": 987654}", 422, Set.of("postId")),
                new Case("replacing a comment with an unknown post", "PUT", "/comments/{comment}", JSON,
                        String.format(VALID_COMMENT, 987654L), 422, Set.of("postId")),
                // unknown records
                new Case("PUT of an unknown post", "PUT", "/posts/987654", JSON, VALID_POST, 404, Set.of()),
                new Case("PATCH of an unknown comment", "PATCH", "/comments/987654", JSON, "{\"body\": \"b\"}", 404,
                        Set.of()),
                new Case("DELETE of an unknown post", "DELETE", "/posts/987654", null, null, 404, Set.of()),
                new Case("GET of an unknown comment", "GET", "/comments/987654/", null, null, 404, Set.of()),
                // deny by default: a path no rule opens needs a login (a signed-in user gets 404, see
                // SecurityMatrixTest), and the refusal is a problem detail all the same
                new Case("unknown path, anonymous", "GET", "/users/1", null, null, 401, Set.of()),
                new Case("method not allowed", "DELETE", "/posts", null, null, 405, Set.of())));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRefusedWithProblemDetailsAndWritesNothing(Case c) {
        DatabaseState before = DatabaseState.of(jdbc);

        HttpResponse<String> response = api.send(c.method(), resolve(c.path()), c.contentType(), resolve(c.body()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertProblem(response, c.status(), c.fields());
        assertThat(DatabaseState.of(jdbc)).isEqualTo(before);
    }

    /** Every page and offset parameter of every endpoint that takes one: negative or overflowing is a 400. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/posts?_page=-1",
            "/posts?_page=9223372036854775807&_limit=10",
            "/posts?_page=3&_limit=9223372036854775807",
            "/posts?_page=99999999999999999999",
            "/comments?_limit=99999999999999999999",
            "/comments?_start=-3&_end=10",
            "/comments?_start=99999999999999999999",
            "/comments?_end=-1",
            "/posts/1/comments?_page=4611686018427387904&_limit=4",
            "/posts/1/comments?_start=1&_limit=-10",
            "/sync/failures?page=-1",
            "/sync/failures?page=99999999999999999999",
            "/sync/failures?page=92233720368547759&size=100",
            "/sync/failures?size=0",
            "/sync/failures?size=2147483648",
            "/jobs/importJob/executions?page=-2",
            "/jobs/importJob/executions?page=92233720368547759&size=100",
            "/jobs/importJob/executions?page=1e3",
            "/jobs/importJob/executions?size=-20",
    })
    void pageParametersOutOfRangeAre400(String path) {
        HttpResponse<String> response = api.get(path, "Authorization", TestUsers.basic(TestUsers.OPERATOR));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(ApiClient.contentType(response)).startsWith("application/problem+json");
        assertThat(ApiClient.json(response).get("detail").asString()).isNotBlank();
    }

    /** A page far behind the last one is empty, not a failure: the offset is no 32-bit number. */
    @ParameterizedTest
    @CsvSource({"/sync/failures?page=21474837&size=100", "/jobs/importJob/executions?page=2147483647&size=100"})
    void aPageBeyondTheLastIsEmpty(String path) {
        HttpResponse<String> response = api.get(path, "Authorization", TestUsers.basic(TestUsers.OPERATOR));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(ApiClient.json(response).get("content").isEmpty()).isTrue();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWhileReading() {
        DatabaseState before = DatabaseState.of(jdbc);
        byte[] body = ("{\"userId\": 1, \"title\": \"t\", \"body\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = api.sendChunked("POST", "/posts", JSON, () -> new ByteArrayInputStream(body));

        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertProblem(response, 413, Set.of());
        assertThat(DatabaseState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aStaleIfMatchIsRefusedAndWritesNothing() {
        for (String[] write : List.of(
                new String[] {"PUT", "/posts/{post}", VALID_POST},
                new String[] {"PATCH", "/comments/{comment}", "{\"body\": \"changed\"}"},
                new String[] {"DELETE", "/posts/{post}", null},
                new String[] {"DELETE", "/comments/{comment}", null})) {
            DatabaseState before = DatabaseState.of(jdbc);
            HttpResponse<String> response = api.send(write[0], resolve(write[1]), write[2] == null ? null : JSON,
                    write[2], "If-Match", "\"stale\"");
            assertThat(response.statusCode()).as(write[0] + " " + write[1]).isEqualTo(412);
            assertProblem(response, 412, Set.of());
            assertThat(DatabaseState.of(jdbc)).isEqualTo(before);
        }
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        HttpResponse<String> response = api.send("POST", "/comments", JSON,
                "{\"postId\": -1, \"name\": 7, \"email\": \"x\", \"extra\": true}");

        assertProblem(response, 400, Set.of("postId", "name", "email", "body", "extra"));
        assertThat(ApiClient.json(response).get("detail").asString()).contains("5 invalid fields");
    }

    private void assertProblem(HttpResponse<String> response, int status, Set<String> fields) {
        assertThat(ApiClient.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = ApiClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        Set<String> reported = new TreeSet<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(error -> {
                assertThat(error.get("message").asString()).isNotBlank();
                reported.add(error.get("field").asString());
            });
        }
        assertThat(reported).as(response.body()).isEqualTo(new TreeSet<>(fields));
    }

    private String resolve(String text) {
        return text == null ? null
                : text.replace("{post}", Long.toString(postId)).replace("{comment}", Long.toString(commentId));
    }
}
