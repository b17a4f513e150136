package dev.jpsync.api.security;

import static dev.jpsync.api.TestUsers.EDITOR;
import static dev.jpsync.api.TestUsers.OPERATOR;
import static dev.jpsync.api.TestUsers.READER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jpsync.api.TestUsers;
import dev.jpsync.testsupport.UseTestDatabase;

/**
 * Who may do what, per endpoint group: 401 without credentials, 403 with the wrong role, through with the
 * right one ("through" = anything but 401/403, for paths whose handler may answer 404 or 400 itself).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseTestDatabase
class SecurityMatrixTest {

    @LocalServerPort
    int port;

    TestUsers http;

    @BeforeEach
    void setUp() {
        http = new TestUsers(port);
    }

    @ParameterizedTest(name = "{0} {1}: anonymous 401, {2} 403, {3} through")
    @CsvSource({
            "GET,    /jobs,                        editor,   operator",
            "POST,   /jobs/noSuchJob/executions,   editor,   operator",
            "GET,    /jobs/executions/1,           reader,   operator",
            "POST,   /jobs/executions/1/stop,      editor,   operator",
            "POST,   /jobs/executions/1/restart,   reader,   operator",
            "GET,    /sync/failures,               editor,   operator",
            "POST,   /sync/failures/1/retry,       editor,   operator",
            "GET,    /actuator/prometheus,         editor,   operator",
            "GET,    /actuator/metrics,            reader,   operator",
            "GET,    /actuator,                    editor,   operator",
            "POST,   /posts,                       operator, editor",
            "PUT,    /posts/1,                     reader,   editor",
            "PATCH,  /posts/1,                     operator, editor",
            "DELETE, /posts/1,                     reader,   editor",
            "POST,   /comments,                    operator, editor",
            "PUT,    /comments/1,                  reader,   editor",
            "DELETE, /comments/1,                  operator, editor",
    })
    void protectedEndpoint(String method, String path, String wrongRole, String rightRole) {
        HttpResponse<String> anonymous = http.send(method, path, null, "{}");
        assertThat(anonymous.statusCode()).as("anonymous " + method + " " + path).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic realm="));
        assertProblem(anonymous, 401);

        HttpResponse<String> wrong = http.send(method, path, wrongRole, "{}");
        assertThat(wrong.statusCode()).as(wrongRole + " " + method + " " + path).isEqualTo(403);
        assertProblem(wrong, 403);

        HttpResponse<String> right = http.send(method, path, rightRole, "{}");
        assertThat(right.statusCode()).as(rightRole + " " + method + " " + path + ": " + right.body())
                .isNotIn(401, 403);
    }

    @Test
    void theRightRoleGetsTheOperatorListings() {
        assertThat(http.get("/jobs", OPERATOR).statusCode()).isEqualTo(200);
        assertThat(http.get("/sync/failures", OPERATOR).statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus", OPERATOR).statusCode()).isEqualTo(200);
    }

    @Test
    void anEditorWritesPostsAndCommentsAndAnyoneReadsThem() {
        String post = "{\"userId\": 1, \"title\": \"t\", \"body\": \"b\"}";
        assertThat(http.send("POST", "/posts", null, post).statusCode()).isEqualTo(401);
        assertThat(http.send("POST", "/posts", OPERATOR, post).statusCode()).isEqualTo(403);
        HttpResponse<String> created = http.send("POST", "/posts", EDITOR, post);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
        assertThat(http.get("/posts/" + id, null).statusCode()).isEqualTo(200);

        String comment = "{\"postId\": " + id + ", \"name\": \"n\", \"email\": \"a@b.c\", \"body\": \"c\"}";
        assertThat(http.send("POST", "/comments", READER, comment).statusCode()).isEqualTo(403);
        assertThat(http.send("POST", "/comments", EDITOR, comment).statusCode()).isEqualTo(201);
        assertThat(http.get("/posts/" + id + "/comments", null).statusCode()).isEqualTo(200);
        assertThat(http.send("DELETE", "/posts/" + id, OPERATOR, null).statusCode()).isEqualTo(403);
        assertThat(http.send("DELETE", "/posts/" + id, EDITOR, null).statusCode()).isIn(200, 204);
    }

    @ParameterizedTest
    @CsvSource({"/posts", "/posts/1", "/comments", "/comments?postId=1", "/posts/1/comments", "/actuator/health"})
    void readingIsOpen(String path) {
        assertThat(http.get(path, null).statusCode()).as(path).isNotIn(401, 403);
    }

    @Test
    void unknownPathsNeedALoginAndThenAnswer404() {
        assertThat(http.get("/users/1", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = http.get("/users/1", READER);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void healthIsOpenAndUp() {
        HttpResponse<String> health = http.get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @ParameterizedTest(name = "{0}: the status alone for anonymous and reader, details for operator")
    @CsvSource({"/actuator/health", "/actuator/health/remote"})
    void anonymousHealthIsTheStatusAlone(String path) {
        for (String user : new String[] {null, READER, EDITOR}) {
            HttpResponse<String> health = http.get(path, user);
            assertThat(health.body()).as(user + " " + path).matches("\\{\"status\":\"[A-Z_]+\"}");
        }
        HttpResponse<String> operator = http.get(path, OPERATOR);
        assertThat(operator.body()).as(path).contains("\"components\"").contains("\"remoteApi\"");
        // the remote's URL and error text, the disk path, the database product: for operators only
        assertThat(http.get(path, null).body()).doesNotContain("127.0.0.1").doesNotContain("details");
    }

    @Test
    void aWrongPasswordIs401EvenOnOpenlyReadablePaths() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jobs"))
                        .header("Authorization", TestUsers.basic(OPERATOR, "wrong")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertProblem(response, 401);
    }

    @Test
    void statelessNoSessionCookieNoCsrfToken() {
        // a write without any CSRF token gets through authorization, and no session is created
        HttpResponse<String> response = http.send("POST", "/jobs/noSuchJob/executions", OPERATOR, null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(http.get("/jobs", READER).headers().allValues("Set-Cookie")).isEmpty();
        assertThat(http.get("/posts", EDITOR).headers().allValues("Set-Cookie")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/, text/html", "/index.html, text/html", "/dashboard.js, text/javascript",
            "/dashboard.css, text/css"})
    void theDashboardsOwnFilesAreOpen(String path, String type) {
        HttpResponse<String> file = http.get(path, null);
        assertThat(file.statusCode()).as(path).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith(type));
        assertThat(file.headers().allValues("Set-Cookie")).isEmpty();
        // no favicon is shipped (the page declares an empty one): open, so a 404 and not a login
        assertThat(http.get("/favicon.ico", null).statusCode()).isNotIn(401, 403);
    }

    @ParameterizedTest(name = "{0} {1}: still needs a login")
    @CsvSource({"POST, /", "PUT, /index.html", "DELETE, /dashboard.js", "GET, /dashboard.js.map",
            "GET, /other.html", "GET, /static/index.html", "GET, /application.properties", "GET, /jobs"})
    void everythingElseNextToTheDashboardStaysProtected(String method, String path) {
        HttpResponse<String> response = http.send(method, path, null, null);
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(401);
        assertProblem(response, 401);
    }

    @Test
    void aScriptsCallGetsNoBasicChallengeSoTheBrowserShowsNoPopUp() throws Exception {
        for (String authorization : new String[] {null, TestUsers.basic(OPERATOR, "wrong")}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jobs"))
                    .header("X-Requested-With", "XMLHttpRequest");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as("credentials: " + authorization)
                    .isEmpty();
            assertProblem(response, 401);
        }
        // without the header, the same refusal carries the challenge (curl and other clients rely on it)
        HttpResponse<String> plain = http.get("/jobs", null);
        assertThat(plain.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic realm="));
    }

    @ParameterizedTest(name = "{0} {1} as {2} with {3}: {4}")
    @CsvSource(delimiter = '|', value = {
            // a page of another site, riding on the Basic credentials the browser keeps: refused
            "POST   | /jobs/exportJob/executions   | operator | Sec-Fetch-Site=cross-site        | 403",
            "POST   | /jobs/executions/1/stop      | operator | Origin=http://evil.example       | 403",
            "POST   | /sync/failures/1/retry       | operator | Sec-Fetch-Site=cross-site        | 403",
            "DELETE | /posts/9                     | editor   | Origin=http://evil.example       | 403",
            "PUT    | /posts/9                     | editor   | Origin=null                      | 403",
            "PATCH  | /comments/9                  | editor   | Sec-Fetch-Site=cross-site        | 403",
            "POST   | /posts                       | -        | Origin=http://evil.example       | 403",
            // the service's own page, and clients outside a browser (no such header): through
            "POST   | /jobs/noSuchJob/executions   | operator | Origin=http://localhost:{port}   | 404",
            "POST   | /jobs/noSuchJob/executions   | operator | Sec-Fetch-Site=same-origin       | 404",
            "POST   | /jobs/noSuchJob/executions   | operator | -                                | 404",
            "DELETE | /posts/987654                | editor   | -                                | 404",
            // reading is not a state change
            "GET    | /jobs                        | operator | Sec-Fetch-Site=cross-site        | 200",
            "GET    | /posts/1                     | -        | Origin=http://evil.example       | 404",
    })
    void crossSiteStateChangesAreRefused(String method, String path, String user, String header, int status)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{\"title\": \"t\"}"))
                .header("Content-Type", "application/json");
        if (!user.equals("-")) {
            request.header("Authorization", TestUsers.basic(user));
        }
        if (!header.equals("-")) {
            String[] nameValue = header.split("=", 2);
            request.header(nameValue[0], nameValue[1].replace("{port}", Integer.toString(port)));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 403) {
            assertProblem(response, 403);
            assertThat(response.body()).contains("Cross-site request refused");
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\":").contains("\"detail\":");
    }
}
