package dev.jpsync.api.posts;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.jpsync.api.problems.RecordNotFoundException;
import dev.jpsync.api.web.ApiDocs;
import dev.jpsync.api.web.BodyFields;
import dev.jpsync.api.web.Listing;
import dev.jpsync.api.web.ListingAnswers;
import dev.jpsync.domain.PostRepository;
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

/** {@code /posts}: JSONPlaceholder's post resource, stored in the database. */
@RestController
@RequestMapping(path = "/posts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "posts", description = "JSONPlaceholder-compatible posts; every path also answers with a trailing slash")
public class PostController {

    /** The fields clients can filter and sort by; true for whole-number fields. */
    static final Map<String, Boolean> FIELDS = Map.of("id", true, "userId", true, "title", false, "body", false);

    private final PostRepository listing;
    private final Posts posts;
    private final PostEditor editor;
    private final ListingAnswers listings;

    public PostController(PostRepository listing, Posts posts, PostEditor editor, ListingAnswers listings) {
        this.listing = listing;
        this.posts = posts;
        this.editor = editor;
        this.listings = listings;
    }

    @GetMapping
    @Operation(summary = "List posts", description = ApiDocs.LIST_PARAMETERS, parameters = {
            @Parameter(in = ParameterIn.QUERY, name = "userId", description = "exact match; repeat to OR",
                    array = @ArraySchema(schema = @Schema(type = "integer", format = "int64", example = "1"))),
            @Parameter(in = ParameterIn.QUERY, name = "title", description = "exact match; repeat to OR",
                    array = @ArraySchema(schema = @Schema(type = "string"))),
            @Parameter(in = ParameterIn.QUERY, name = "id", description = "exact match; repeat to OR",
                    array = @ArraySchema(schema = @Schema(type = "integer", format = "int64"))),
            @Parameter(in = ParameterIn.QUERY, name = "_page", schema = @Schema(type = "integer"), example = "2"),
            @Parameter(in = ParameterIn.QUERY, name = "_limit", schema = @Schema(type = "integer"), example = "10"),
            @Parameter(in = ParameterIn.QUERY, name = "_start", schema = @Schema(type = "integer")),
            @Parameter(in = ParameterIn.QUERY, name = "_end", schema = @Schema(type = "integer")),
            @Parameter(in = ParameterIn.QUERY, name = "_sort", schema = @Schema(type = "string"), example = "title"),
            @Parameter(in = ParameterIn.QUERY, name = "_order", schema = @Schema(type = "string"), example = "desc")})
    @ApiResponse(responseCode = "200", description = "the matching posts, by id unless _sort is given",
            headers = {@Header(name = "X-Total-Count", description = "matches before slicing (sliced lists only)"),
                    @Header(name = "Link", description = "first/prev/next/last pages (with _page only)")},
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = PostJson.class))))
    @ApiResponse(responseCode = "400", description = "an invalid query parameter",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    public void list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
            HttpServletResponse response) throws IOException {
        listings.write(Listing.parse(params, FIELDS), listing::forEach, listing::count, PostJson::of, response);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get one post", description = "Answers an ETag; If-None-Match with it answers 304.")
    @ApiResponse(responseCode = "200", description = "the post", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = PostJson.class)))
    @ApiResponse(responseCode = "404", description = "no such post", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(ApiDocs.NOT_FOUND_EXAMPLE)))
    public ResponseEntity<PostJson> get(@PathVariable long id, WebRequest request) {
        PostJson post = posts.readById(id).map(PostJson::of).orElseThrow(() -> new RecordNotFoundException("post", id));
        String tag = post.entityTag();
        if (request.checkNotModified(tag)) {
            return null; // 304, written by checkNotModified
        }
        return ResponseEntity.ok().eTag(tag).body(post);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a post", description = "The server assigns the id; an id in the body is refused.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = PostInput.class),
            examples = @ExampleObject("{\"userId\": 1, \"title\": \"foo\", \"body\": \"bar\"}")))
    @ApiResponse(responseCode = "201", description = "created; Location names it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = PostJson.class)))
    @ApiResponse(responseCode = "400", description = "invalid fields", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(ApiDocs.INVALID_FIELDS_EXAMPLE)))
    public ResponseEntity<PostJson> create(@RequestBody JsonNode body) {
        PostJson post = PostJson.of(editor.create(PostInput.read(body, BodyFields.Mode.CREATE, null)));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/posts/{id}")
                .buildAndExpand(post.id()).toUri();
        return ResponseEntity.created(location).eTag(post.entityTag()).body(post);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a post", description = "All fields are required. If-Match with a stale ETag answers 412.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = PostInput.class),
            examples = @ExampleObject("{\"userId\": 1, \"title\": \"foo\", \"body\": \"bar\"}")))
    @ApiResponse(responseCode = "200", description = "the post as stored", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = PostJson.class)))
    @ApiResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
            schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(ApiDocs.STALE_EXAMPLE)))
    public ResponseEntity<PostJson> replace(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        PostJson post = PostJson.of(editor.replace(id, PostInput.read(body, BodyFields.Mode.REPLACE, id), ifMatch));
        return ResponseEntity.ok().eTag(post.entityTag()).body(post);
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Operation(summary = "Change some fields of a post", description = "Absent fields keep their value. "
            + "If-Match with a stale ETag answers 412.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = PostInput.class), examples = @ExampleObject("{\"title\": \"foo\"}")))
    @ApiResponse(responseCode = "200", description = "the post as stored", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = PostJson.class)))
    public ResponseEntity<PostJson> patch(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        PostJson post = PostJson.of(editor.patch(id, PostInput.read(body, BodyFields.Mode.PATCH, id), ifMatch));
        return ResponseEntity.ok().eTag(post.entityTag()).body(post);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a post and its comments", description = "Answers {} like JSONPlaceholder. "
            + "If-Match with a stale ETag answers 412.")
    @ApiResponse(responseCode = "200", description = "deleted", content = @Content(examples = @ExampleObject("{}")))
    public Map<String, Object> delete(@PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        editor.delete(id, ifMatch);
        return Map.of();
    }
}
