package dev.jpsync.jobs.importjob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** JSONPlaceholder's 100 posts and 500 comments (copied from the jsonplaceholder 0.3.3 package's data.json). */
final class JsonPlaceholderData {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNode DATA = load();

    private JsonPlaceholderData() {
    }

    /** A fresh, modifiable copy. */
    static ArrayNode posts() {
        return (ArrayNode) DATA.get("posts").deepCopy();
    }

    static ArrayNode comments() {
        return (ArrayNode) DATA.get("comments").deepCopy();
    }

    private static JsonNode load() {
        try (InputStream in = JsonPlaceholderData.class.getResourceAsStream("/jsonplaceholder/posts-and-comments.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
