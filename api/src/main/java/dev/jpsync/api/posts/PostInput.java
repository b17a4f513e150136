package dev.jpsync.api.posts;

import java.util.List;

import dev.jpsync.api.web.BodyFields;
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
        @Schema(maxLength = 255, description = "not blank, at most 255 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String title,
        @Schema(maxLength = 10000, description = "not blank, at most 10,000 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String body) {

    static final int TITLE_MAX = 255;
    static final int BODY_MAX = 10_000;
    private static final List<String> FIELDS = List.of("userId", "title", "body");

    /** Reads and validates a body; {@code pathId} is null on create. Absent fields are null (PATCH only). */
    static PostInput read(JsonNode json, BodyFields.Mode mode, Long pathId) {
        BodyFields fields = BodyFields.read(json, mode, FIELDS);
        fields.checkId(pathId);
        PostInput input = new PostInput(fields.positiveId("userId"), fields.text("title", TITLE_MAX),
                fields.text("body", BODY_MAX));
        fields.requireValid();
        return input;
    }
}
