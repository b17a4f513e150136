package dev.jpsync.api.comments;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.jpsync.api.problems.RecordNotFoundException;
import dev.jpsync.api.web.ApiDocs;
import dev.jpsync.api.web.BodyFields;
import dev.jpsync.api.web.Listing;
import dev.jpsync.api.web.ListingAnswers;
import dev.jpsync.domain.CommentRepository;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** {@code /comments} and {@code /posts/{id}/comments}: JSONPlaceholder's comment resource, stored in the database. */
@RestController
@Tag(name = "comments", description = "JSONPlaceholder-compatible comments; every path also answers with a trailing slash")
public class CommentController {

    /** The fields clients can filter and sort by; true for whole-number fields. */
    static final Map<String, Boolean> FIELDS = Map.of(
            "id", true, "postId", true, "name", false, "email", false, "body", false);

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final CommentRepository listing;
    private final Comments comments;
    private final CommentEditor editor;
    private final ListingAnswers listings;

    public CommentController(CommentRepository listing, Comments comments, CommentEditor editor, ListingAnswers listings) {
        this.listing = listing;
        this.comments = comments;
        this.editor = editor;
        this.listings = listings;
    }

    @GetMapping(path = "/comments", produces = JSON)
    @Operation(summary = "List comments", description = ApiDocs.LIST_PARAMETERS, parameters = {
            @Parameter(in = ParameterIn.QUERY, name = "postId", description = "exact match; repeat to OR",
                    array = @ArraySchema(schema = @Schema(type = "integer", format = "int64", example = "7"))),
            @Parameter(in = ParameterIn.QUERY, name = "email", description = "exact match; repeat to OR",
                    array = @ArraySchema(schema = @Schema(type = "string"))),
            @Parameter(in = ParameterIn.QUERY, name = "_page", schema = @Schema(type = "integer")),
            @Parameter(in = ParameterIn.QUERY, name = "_limit", schema = @Schema(type = "integer")),
            @Parameter(in = ParameterIn.QUERY, name = "_start", schema = @Schema(type = "integer")),
            @Parameter(in = ParameterIn.QUERY, name = "_end", schema = @Schema(type = "integer")),
            @Parameter(in = ParameterIn.QUERY, name = "_sort", schema = @Schema(type = "string"), example = "email"),
            @Parameter(in = ParameterIn.QUERY, name = "_order", schema = @Schema(type = "string"), example = "asc")})
    @ApiResponse(responseCode = "200", description = "the matching comments, by id unless _sort is given",
            headers = {@Header(name = "X-Total-Count", description = "matches before slicing (sliced lists only)"),
                    @Header(name = "Link", description = "first/prev/next/last pages (with _page only)")},
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = CommentJson.class))))
    @ApiResponse(responseCode = "400", description = "an invalid query parameter",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    public void list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
            HttpServletResponse response) throws IOException {
        listings.write(Listing.parse(params, FIELDS), listing::forEach, listing::count, CommentJson::of, response);
    }

    @GetMapping(path = "/posts/{postId}/comments", produces = JSON)
    @Operation(summary = "List the comments of a post", description = "Same as /comments?postId={postId} "
            + "(also for an unknown post: an empty list, as JSONPlaceholder answers). " + ApiDocs.LIST_PARAMETERS)
    @ApiResponse(responseCode = "200", description = "the post's comments",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = CommentJson.class))))
    public void listOfPost(@PathVariable long postId,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
            HttpServletResponse response) throws IOException {
        listings.write(Listing.parse(params, FIELDS).withFilter("postId", postId), listing::forEach,
                listing::count, CommentJson::of, response);
    }

    @GetMapping(path = "/comments/{id}", produces = JSON)
    @Operation(summary = "Get one comment", description = "Answers an ETag; If-None-Match with it answers 304.")
    @ApiResponse(responseCode = "200", description = "the comment", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CommentJson.class)))
    @ApiResponse(responseCode = "404", description = "no such comment",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<CommentJson> get(@PathVariable long id, WebRequest request) {
        CommentJson comment = comments.readById(id).map(CommentJson::of)
                .orElseThrow(() -> new RecordNotFoundException("comment", id));
        String tag = comment.entityTag();
        if (request.checkNotModified(tag)) {
            return null; // 304, written by checkNotModified
        }
        return ResponseEntity.ok().eTag(tag).body(comment);
    }

    @PostMapping(path = "/comments", consumes = JSON, produces = JSON)
    @Operation(summary = "Create a comment", description = "postId must name an existing post (else 422). "
            + "The server assigns the id; an id in the body is refused.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = CommentInput.class), examples = @ExampleObject(
                    "{\"postId\": 1, \"name\": \"a name\", \"email\": \"Eliseo@gardner.biz\", \"body\": \"a body\"}")))
    @ApiResponse(responseCode = "201", description = "created; Location names it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = CommentJson.class)))
    @ApiResponse(responseCode = "400", description = "invalid fields", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(ApiDocs.INVALID_FIELDS_EXAMPLE)))
    @ApiResponse(responseCode = "422", description = "postId names no post", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
                     "detail": "There is no post with id 999; a comment must belong to an existing post.",
                     "instance": "/comments", "errors": [{"field": "postId", "message": "no post with id 999"}]}""")))
    public ResponseEntity<CommentJson> create(@RequestBody JsonNode body) {
        CommentJson comment = CommentJson.of(editor.create(CommentInput.read(body, BodyFields.Mode.CREATE, null)));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/comments/{id}")
                .buildAndExpand(comment.id()).toUri();
        return ResponseEntity.created(location).eTag(comment.entityTag()).body(comment);
    }

    @PutMapping(path = "/comments/{id}", consumes = JSON, produces = JSON)
    @Operation(summary = "Replace a comment", description = "All fields are required; postId must name an existing "
            + "post (else 422). If-Match with a stale ETag answers 412.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = CommentInput.class)))
    @ApiResponse(responseCode = "200", description = "the comment as stored", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CommentJson.class)))
    public ResponseEntity<CommentJson> replace(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CommentJson comment = CommentJson.of(
                editor.replace(id, CommentInput.read(body, BodyFields.Mode.REPLACE, id), ifMatch));
        return ResponseEntity.ok().eTag(comment.entityTag()).body(comment);
    }

    @PatchMapping(path = "/comments/{id}", consumes = {JSON, "application/merge-patch+json"}, produces = JSON)
    @Operation(summary = "Change some fields of a comment", description = "Absent fields keep their value. "
            + "If-Match with a stale ETag answers 412.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = CommentInput.class), examples = @ExampleObject("{\"body\": \"edited\"}")))
    @ApiResponse(responseCode = "200", description = "the comment as stored", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CommentJson.class)))
    public ResponseEntity<CommentJson> patch(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CommentJson comment = CommentJson.of(
                editor.patch(id, CommentInput.read(body, BodyFields.Mode.PATCH, id), ifMatch));
        return ResponseEntity.ok().eTag(comment.entityTag()).body(comment);
    }

    @DeleteMapping(path = "/comments/{id}", produces = JSON)
    @Operation(summary = "Delete a comment", description = "Answers {} like JSONPlaceholder. "
            + "If-Match with a stale ETag answers 412.")
    @ApiResponse(responseCode = "200", description = "deleted", content = @Content(examples = @ExampleObject("{}")))
    public Map<String, Object> delete(@PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        editor.delete(id, ifMatch);
        return Map.of();
    }
}
