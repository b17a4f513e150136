package dev.jpsync.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP calls against a service started on a random port, as one of the test users of
 * {@code src/test/resources/application.properties} (or anonymously).
 */
public final class TestUsers {

    public static final String READER = "reader";
    public static final String EDITOR = "editor";
    public static final String OPERATOR = "operator";

    private static final HttpClient client = HttpClient.newHttpClient();

    private final String base;

    public TestUsers(int port) {
        this.base = "http://localhost:" + port;
    }

    /** {@code Authorization} header value for a test user. */
    public static String basic(String user) {
        return basic(user, user + "-secret");
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path, String user) {
        return send(request(path, user).GET());
    }

    public HttpResponse<String> post(String path, String user, String jsonBody) {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public HttpResponse<String> send(String method, String path, String user, String jsonBody) {
        return send(request(path, user).header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            builder.header("Authorization", basic(user));
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
