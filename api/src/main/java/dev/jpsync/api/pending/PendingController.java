package dev.jpsync.api.pending;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.jpsync.api.ops.PageRequest;
import dev.jpsync.api.ops.ResultPage;
import dev.jpsync.api.web.ApiDocs;
import dev.jpsync.api.web.EntityParameter;
import dev.jpsync.domain.EntityKind;
import dev.jpsync.jobs.exportjob.PendingPreview;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /sync/pending}: what the next export would send. */
@RestController
@RequestMapping(path = "/sync/pending", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "sync")
class PendingController {

    private final PendingPreview preview;

    PendingController(PendingPreview preview) {
        this.preview = preview;
    }

    @GetMapping
    @Operation(summary = "What the next export would send", description = """
            One net change per record with change-log entries no export has decided yet, folded by the export's own \
            fold, in the export's order (posts, then comments, each by local id): the net action, the HTTP call it \
            makes now (method and remote path; none when nothing would be sent, with a note why), how many entries \
            were folded into it and the age of the oldest. Computed from the database as it is now.""")
    @ApiResponse(responseCode = "200", description = "a page of net changes",
            content = @Content(examples = @ExampleObject(PENDING_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "entity is not POST or COMMENT, or an invalid page",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResultPage<PendingPreview.PendingChange> pending(
            @Parameter(description = "POST or COMMENT; both when absent", example = "POST")
            @RequestParam(required = false) String entity,
            @RequestParam(defaultValue = "0") long page, @RequestParam(defaultValue = "20") int size) {
        EntityKind kind = entity == null ? null : EntityParameter.of(entity);
        PageRequest request = PageRequest.of(page, size);
        PendingPreview.Page found = preview.page(kind, request.offset(), request.size());
        return ResultPage.of(found.content(), request, found.totalRecords());
    }

    static final String PENDING_EXAMPLE = """
            {"content": [
               {"entity": "POST", "entityId": 1, "action": "UPDATE", "method": "PUT", "path": "/posts/1",
                "entries": 2, "oldestAt": "2026-11-30T10:00:00Z", "ageSeconds": 42, "changeIds": [901, 905]},
               {"entity": "POST", "entityId": 101, "action": "CREATE", "method": "POST", "path": "/posts",
                "entries": 1, "oldestAt": "2026-11-30T10:00:30Z", "ageSeconds": 12, "changeIds": [903]},
               {"entity": "COMMENT", "entityId": 501, "action": "CREATE", "method": "POST", "path": "/comments",
                "note": "postId: the remote id its post gets from its own POST, sent first",
                "entries": 1, "oldestAt": "2026-11-30T10:00:31Z", "ageSeconds": 11, "changeIds": [904]}],
             "page": 0, "size": 20, "totalElements": 3, "totalPages": 1}""";
}
