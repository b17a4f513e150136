package dev.jpsync.api.comments;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.jpsync.api.web.EntityTag;
import io.swagger.v3.oas.annotations.media.Schema;

/** A comment as JSONPlaceholder shows it, in its key order; no internal fields. */
@JsonPropertyOrder({"postId", "id", "name", "email", "body"})
@Schema(name = "Comment", example = """
        {"postId": 1, "id": 1, "name": "id labore ex et quam laborum", "email": "Eliseo@gardner.biz",
         "body": "laudantium enim quasi est quidem magnam voluptate ipsam eos"}""")
public record CommentJson(long postId, long id, String name, String email, String body) {

    static CommentJson of(Comment comment) {
        return new CommentJson(comment.getPostId(), comment.getId(), comment.getName(), comment.getEmail(),
                comment.getBody());
    }

    /** A row of a listing, which is read with SQL rather than JPA. */
    static CommentJson of(dev.jpsync.domain.Comment row) {
        return new CommentJson(row.postId(), row.id(), row.name(), row.email(), row.body());
    }

    String entityTag() {
        return EntityTag.of("comment", postId, id, name, email, body);
    }
}
