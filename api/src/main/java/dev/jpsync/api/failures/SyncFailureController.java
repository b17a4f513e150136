package dev.jpsync.api.failures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.jpsync.api.ops.PageRequest;
import dev.jpsync.api.ops.ResultPage;
import dev.jpsync.api.problems.Problems;
import dev.jpsync.domain.SyncFailure;
import dev.jpsync.domain.SyncFailureRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Changes the remote refused or the export parked, and putting one or all back into the change log. */
@RestController
@RequestMapping(path = "/sync/failures", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "sync failures", description = "Changes the remote refused (role OPERATOR)")
class SyncFailureController {

    private final SyncFailureRepository failures;

    SyncFailureController(SyncFailureRepository failures) {
        this.failures = failures;
    }

    @GetMapping
    @Operation(summary = "List sync failures", description = "Newest first, by page (size 1 to 100).")
    ResultPage<SyncFailure> failures(@RequestParam(defaultValue = "0") long page,
            @RequestParam(defaultValue = "20") int size) {
        PageRequest request = PageRequest.of(page, size);
        return ResultPage.of(failures.findPage(request.offset(), request.size()), request, failures.count());
    }

    /** 200 with the new change-log id; the next export run sends the record's current state. */
    @PostMapping("/{id}/retry")
    @Operation(summary = "Re-queue a sync failure", description = "Puts the record's current state back into the "
            + "change log; the next export sends it.")
    ResponseEntity<Map<String, Object>> retry(@PathVariable long id) {
        SyncFailureRepository.Retry retry = failures.requeue(id);
        return switch (retry.outcome()) {
            case REQUEUED -> ResponseEntity.ok(Map.of("changeId", retry.changeId(), "failure", retry.failure()));
            case NOT_FOUND -> throw Problems.refusal(HttpStatus.NOT_FOUND, "Unknown sync failure",
                    "There is no sync failure " + id + ".");
            case ALREADY_REQUEUED -> throw Problems.refusal(HttpStatus.CONFLICT, "Already re-queued",
                    "Sync failure " + id + " was put back into the change log at " + retry.failure().requeuedAt()
                            + "; it is not queued twice.");
            case RECORD_GONE -> throw Problems.refusal(HttpStatus.CONFLICT, "Record deleted since",
                    "The " + retry.failure().entity().name().toLowerCase() + " " + retry.failure().entityId()
                            + " of sync failure " + id + " no longer exists here; its deletion is synced on its own, "
                            + "so there is nothing to retry.");
        };
    }

    /**
     * 200 with one line per open failure (re-queued with its new change-log id, or why not: its record was
     * deleted since); the next export run sends them all. Failures already re-queued are left alone.
     */
    @PostMapping("/retry")
    @Operation(summary = "Re-queue every open sync failure", description = "Each open failure's record goes back into "
            + "change_log with its current state, as the one-by-one re-queue does; one line per failure in the answer.")
    Map<String, Object> retryAll() {
        List<Map<String, Object>> results = failures.requeueAll().stream().map(retry -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("failureId", retry.failure().id());
            line.put("outcome", retry.outcome().name());
            if (retry.changeId() != null) {
                line.put("changeId", retry.changeId());
            }
            return line;
        }).toList();
        return Map.of("requeued", results.stream().filter(r -> r.containsKey("changeId")).count(), "failures", results);
    }
}
