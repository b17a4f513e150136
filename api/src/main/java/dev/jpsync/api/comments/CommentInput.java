package dev.jpsync.api.comments;

import java.util.List;

import dev.jpsync.api.web.BodyFields;
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
        @Schema(maxLength = 255, description = "not blank, at most 255 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(maxLength = 255, format = "email", description = "an email address, at most 255 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String email,
        @Schema(maxLength = 10000, description = "not blank, at most 10,000 characters",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String body) {

    static final int NAME_MAX = 255;
    static final int EMAIL_MAX = 255;
    static final int BODY_MAX = 10_000;
    private static final List<String> FIELDS = List.of("postId", "name", "email", "body");

    /** Reads and validates a body; {@code pathId} is null on create. Absent fields are null (PATCH only). */
    static CommentInput read(JsonNode json, BodyFields.Mode mode, Long pathId) {
        BodyFields fields = BodyFields.read(json, mode, FIELDS);
        fields.checkId(pathId);
        CommentInput input = new CommentInput(fields.positiveId("postId"), fields.text("name", NAME_MAX),
                fields.email("email", EMAIL_MAX), fields.text("body", BODY_MAX));
        fields.requireValid();
        return input;
    }
}
