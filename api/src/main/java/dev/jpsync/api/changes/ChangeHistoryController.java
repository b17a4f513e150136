package dev.jpsync.api.changes;

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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /sync/changes?entity=POST&id=7}: what happened to one record. */
@RestController
@RequestMapping(path = "/sync/changes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "sync")
class ChangeHistoryController {

    private final ChangeHistory history;

    ChangeHistoryController(ChangeHistory history) {
        this.history = history;
    }

    @GetMapping
    @Operation(summary = "A record's change history", description = """
            The record's change-log entries, newest first: pending ones, ones an export has decided (with its \
            execution and outcome), archived ones (with the export execution and outcome), and drift repairs made \
            to it. The record may no longer exist: its deletion is part of its history.""")
    @ApiResponse(responseCode = "200", description = "a page of the record's history, newest first",
            content = @Content(examples = @ExampleObject(HISTORY_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "entity is not POST or COMMENT, id missing, or an invalid page",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResultPage<HistoryEntry> changes(
            @Parameter(description = "POST or COMMENT", example = "POST") @RequestParam String entity,
            @Parameter(description = "the record's local id", example = "7") @RequestParam long id,
            @RequestParam(defaultValue = "0") long page, @RequestParam(defaultValue = "20") int size) {
        EntityKind kind = EntityParameter.of(entity);
        PageRequest request = PageRequest.of(page, size);
        return ResultPage.of(history.page(kind, id, request), request, history.count(kind, id));
    }

    static final String HISTORY_EXAMPLE = """
            {"content": [
               {"state": "PENDING", "changeId": 912, "op": "DELETE",
                "payload": {"id": 7, "userId": 1, "title": "edited twice", "body": "b", "remoteId": 7},
                "at": "2026-11-30T10:20:00.000001Z"},
               {"state": "REPAIRED", "payload": {"userId": 1, "id": 7, "title": "from the remote", "body": "b"},
                "at": "2026-11-30T10:10:00Z", "sourceOfTruth": "REMOTE", "repair": "UPDATE_HERE: UPDATE posts 7 from the remote"},
               {"state": "ARCHIVED", "changeId": 880, "op": "UPDATE",
                "payload": {"id": 7, "userId": 1, "title": "edited twice", "body": "b", "remoteId": 7},
                "at": "2026-11-30T10:01:00Z", "exportExecutionId": 31, "outcome": "SENT"}],
             "page": 0, "size": 20, "totalElements": 5, "totalPages": 1}""";
}
