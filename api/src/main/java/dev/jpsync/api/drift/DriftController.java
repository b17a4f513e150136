package dev.jpsync.api.drift;

import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.jpsync.api.problems.Problems;
import dev.jpsync.api.ops.PageRequest;
import dev.jpsync.api.ops.ResultPage;
import dev.jpsync.api.web.ApiDocs;
import dev.jpsync.jobs.verifyjob.DriftRepair;
import dev.jpsync.jobs.verifyjob.DriftReportRepository;
import dev.jpsync.jobs.verifyjob.RepairResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The latest drift report of {@code verifyJob}, and the operator's repairs of it. */
@RestController
@RequestMapping(path = "/sync/drift", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "sync", description = "What the sync will send, what it did, and whether the two sides agree (OPERATOR)")
class DriftController {

    private final DriftReportRepository report;
    private final DriftRepair repair;
    private final JobRepository jobRepository;

    DriftController(DriftReportRepository report, DriftRepair repair, JobRepository jobRepository) {
        this.report = report;
        this.repair = repair;
        this.jobRepository = jobRepository;
    }

    @GetMapping
    @Operation(summary = "The latest drift report", description = """
            The report of the newest completed verifyJob run (launch one with POST /jobs/verifyJob/executions): one \
            row per record on which the database and the remote disagree, posts first. kind is MISSING_REMOTE (a \
            local record the remote does not list), MISSING_LOCAL (a remote record no local record is mapped to), \
            DIFFERS (fields lists which) or PENDING (the next export sends the local change: not drift). Against \
            JSONPlaceholder, which fakes writes, every exported change shows as drift.""")
    @ApiResponse(responseCode = "200", description = "the report and a page of its rows",
            content = @Content(schema = @Schema(implementation = DriftReportView.class), examples = @ExampleObject(DRIFT_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "no verify run has completed yet",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    DriftReportView latest(@RequestParam(defaultValue = "0") long page, @RequestParam(defaultValue = "20") int size) {
        PageRequest request = PageRequest.of(page, size);
        long executionId = latestReport();
        JobExecution execution = jobRepository.getJobExecution(executionId);
        return new DriftReportView(executionId, execution == null ? null : execution.getEndTime(),
                execution == null ? null : execution.getExitStatus().getExitDescription(), report.counts(executionId),
                ResultPage.of(report.page(executionId, request.offset(), request.size()), request,
                        report.count(executionId)));
    }

    @PostMapping(path = "/repair", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Repair the whole latest report", description = REPAIR_DESCRIPTION,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = RepairRequest.class),
                    examples = @ExampleObject("{\"sourceOfTruth\": \"LOCAL\", \"scope\": \"UPSERT_ONLY\", \"dryRun\": true}"))))
    @ApiResponse(responseCode = "200", description = "what was done (or, dry run, would be), row by row",
            content = @Content(schema = @Schema(implementation = RepairResult.class), examples = @ExampleObject(REPAIR_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "an invalid body",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no verify run has completed yet",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RepairResult repairReport(@RequestBody(required = false) Map<String, Object> body) {
        RepairRequest request = RepairRequest.of(body);
        return repair.repairReport(latestReport(), request.sourceOfTruth(), request.scope(), request.dryRun());
    }

    @PostMapping(path = "/{id}/repair", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Repair one row of a drift report", description = REPAIR_DESCRIPTION,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = RepairRequest.class),
                    examples = @ExampleObject("{\"sourceOfTruth\": \"REMOTE\", \"dryRun\": false}"))))
    @ApiResponse(responseCode = "200", description = "what was done (or, dry run, would be)",
            content = @Content(schema = @Schema(implementation = RepairResult.class), examples = @ExampleObject(REPAIR_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "an invalid body",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such report row",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RepairResult repairRow(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        RepairRequest request = RepairRequest.of(body);
        return repair.repairRow(id, request.sourceOfTruth(), request.scope(), request.dryRun())
                .orElseThrow(() -> notFound("Unknown drift report row", "There is no drift report row " + id + "."));
    }

    private long latestReport() {
        return report.latestReport().orElseThrow(() -> notFound("No drift report yet",
                "No verify run has completed yet; launch one with POST /jobs/verifyJob/executions."));
    }

    private static ErrorResponseException notFound(String title, String detail) {
        return Problems.refusal(HttpStatus.NOT_FOUND, title, detail);
    }

    static final String REPAIR_DESCRIPTION = """
            The operator's decision. sourceOfTruth LOCAL queues the database's state in the change log for the next \
            export: MISSING_REMOTE -> POST (create), DIFFERS -> PUT, MISSING_LOCAL -> DELETE on the remote. REMOTE \
            writes the remote's version into the database with change capture off (nothing is sent back) and notes \
            it in the record's history (GET /sync/changes): MISSING_LOCAL -> insert, DIFFERS -> update, \
            MISSING_REMOTE -> delete here. scope INSERT_ONLY only inserts on the repaired side, UPSERT_ONLY never \
            deletes. PENDING rows and rows already repaired are skipped. dryRun answers the plan and changes nothing. \
            Each row is repaired in its own transaction.""";

    static final String DRIFT_EXAMPLE = """
            {"verifyExecutionId": 42, "endTime": "2026-11-30T10:15:02.5",
             "exitDescription": "100 remote posts and 500 remote comments compared: 2 differences (1 differ, 0 missing on the remote, 1 missing here); 1 pending (not drift)",
             "counts": {"MISSING_REMOTE": 0, "MISSING_LOCAL": 1, "DIFFERS": 1, "PENDING": 1},
             "rows": {"content": [
               {"id": 7, "verifyExecutionId": 42, "entity": "POST", "localId": 2, "remoteId": 2, "kind": "DIFFERS",
                "fields": ["title"], "localState": {"userId": 1, "title": "qui est esse", "body": "..."},
                "remoteState": {"userId": 1, "id": 2, "title": "changed on the remote", "body": "..."},
                "foundAt": "2026-11-30T10:15:01.9Z"},
               {"id": 8, "verifyExecutionId": 42, "entity": "COMMENT", "remoteId": 501, "kind": "MISSING_LOCAL",
                "fields": [], "remoteState": {"postId": 1, "id": 501, "name": "n", "email": "e@example.com", "body": "b"},
                "foundAt": "2026-11-30T10:15:02.1Z"}],
              "page": 0, "size": 20, "totalElements": 3, "totalPages": 1}}""";

    static final String REPAIR_EXAMPLE = """
            {"dryRun": true, "sourceOfTruth": "LOCAL", "scope": "ALL", "verifyExecutionId": 42,
             "totals": {"PLANNED": 2, "SKIPPED": 1},
             "steps": [
               {"driftId": 7, "entity": "POST", "localId": 2, "remoteId": 2, "kind": "DIFFERS",
                "action": "PUT /posts/2 (next export)", "outcome": "PLANNED", "detail": "dry run: nothing was written"},
               {"driftId": 8, "entity": "COMMENT", "remoteId": 501, "kind": "MISSING_LOCAL",
                "action": "DELETE /comments/501 (next export)", "outcome": "PLANNED", "detail": "dry run: nothing was written"},
               {"driftId": 9, "entity": "POST", "localId": 4, "remoteId": 4, "kind": "PENDING",
                "action": "pending: the next export sends the local changes", "outcome": "SKIPPED",
                "detail": "pending: the next export sends the local changes"}],
             "truncated": false}""";
}
