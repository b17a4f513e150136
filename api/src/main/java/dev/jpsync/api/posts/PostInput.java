package dev.jpsync.api.posts;

import dev.jpsync.api.web.BodyFields;
import dev.jpsync.domain.FieldRule;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * The fields a client sends for a post. All are required for POST and PUT; PATCH sends any of them.
 * {@code id} may be repeated on PUT/PATCH if it equals the path's; other fields are refused.
 */
@Schema(name = "PostInput", example = """
        {"userId": 1, "title": "foo", "body": "bar"}""")
public record PostInput(
        @Schema(description = "the author's user id", minimum = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        Long userId,
        @Schema(maxLength = FieldRule.TEXT_MAX, description = "not blank, at most 255 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String title,
        @Schema(maxLength = FieldRule.BODY_MAX, description = "not blank, at most 10,000 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String body) {

    /** Reads and validates a body; {@code pathId} is null on create. Absent fields are null (PATCH only). */
    static PostInput read(JsonNode json, BodyFields.Mode mode, Long pathId) {
        BodyFields fields = BodyFields.read(json, mode, FieldRule.POST);
        fields.checkId(pathId);
        PostInput input = new PostInput(fields.id(FieldRule.USER_ID), fields.text(FieldRule.TITLE),
                fields.text(FieldRule.BODY));
        fields.requireValid();
        return input;
    }
}
