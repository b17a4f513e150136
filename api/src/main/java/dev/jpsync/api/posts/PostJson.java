package dev.jpsync.api.posts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.jpsync.api.web.EntityTag;
import io.swagger.v3.oas.annotations.media.Schema;

/** A post as JSONPlaceholder shows it, in its key order; no internal fields. */
@JsonPropertyOrder({"userId", "id", "title", "body"})
@Schema(name = "Post", example = """
        {"userId": 1, "id": 1, "title": "sunt aut facere repellat provident occaecati excepturi optio reprehenderit",
         "body": "quia et suscipit\\nsuscipit recusandae consequuntur expedita et cum"}""")
public record PostJson(long userId, long id, String title, String body) {

    static PostJson of(Post post) {
        return new PostJson(post.getUserId(), post.getId(), post.getTitle(), post.getBody());
    }

    /** A row of a listing, which is read with SQL rather than JPA. */
    static PostJson of(dev.jpsync.domain.Post row) {
        return new PostJson(row.userId(), row.id(), row.title(), row.body());
    }

    String entityTag() {
        return EntityTag.of("post", userId, id, title, body);
    }
}
