package dev.jpsync.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against the service started on a random port (Tomcat, filters and all). Writes go as the test
 * user {@code editor} (role EDITOR) unless the caller sends its own {@code Authorization}; reads go without
 * credentials, as reading is open.
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, (String) null, headers);
    }

    public HttpResponse<String> delete(String path, String... headers) {
        return send("DELETE", path, null, (String) null, headers);
    }

    /** A JSON request; contentType null sends none. */
    public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        return exchange(method, path, contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    /** A body without Content-Length (sent chunked). */
    public HttpResponse<String> sendChunked(String method, String path, String contentType,
                                            Supplier<InputStream> body) {
        return exchange(method, path, contentType, HttpRequest.BodyPublishers.ofInputStream(body));
    }

    private HttpResponse<String> exchange(String method, String path, String contentType,
                                          HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        boolean authorized = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            authorized |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!authorized && !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
            request.header("Authorization", TestUsers.basic(TestUsers.EDITOR));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** JSON text with key order kept and whitespace dropped, to compare answers key order included. */
    public static String canonical(String json) {
        return JSON.writeValueAsString(JSON.readTree(json));
    }

    public static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
