package dev.jpsync.api.comments;

import dev.jpsync.api.web.BodyFields;
import dev.jpsync.domain.FieldRule;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * The fields a client sends for a comment. All are required for POST and PUT; PATCH sends any of them.
 * {@code id} may be repeated on PUT/PATCH if it equals the path's; other fields are refused.
 */
@Schema(name = "CommentInput", example = """
        {"postId": 1, "name": "a name", "email": "Eliseo@gardner.biz", "body": "a body"}""")
public record CommentInput(
        @Schema(description = "the id of an existing post", minimum = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        Long postId,
        @Schema(maxLength = FieldRule.TEXT_MAX, description = "not blank, at most 255 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(maxLength = FieldRule.TEXT_MAX, format = "email", description = "an email address, at most 255 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String email,
        @Schema(maxLength = FieldRule.BODY_MAX, description = "not blank, at most 10,000 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String body) {

    /** Reads and validates a body; {@code pathId} is null on create. Absent fields are null (PATCH only). */
    static CommentInput read(JsonNode json, BodyFields.Mode mode, Long pathId) {
        BodyFields fields = BodyFields.read(json, mode, FieldRule.COMMENT);
        fields.checkId(pathId);
        CommentInput input = new CommentInput(fields.id(FieldRule.POST_ID), fields.text(FieldRule.NAME),
                fields.text(FieldRule.EMAIL), fields.text(FieldRule.BODY));
        fields.requireValid();
        return input;
    }
}
