package dev.jpsync.api.problems;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.jpsync.jobs.support.CauseChain;
import tools.jackson.core.JacksonException;

/**
 * Turns every refusal into RFC 9457 problem details ({@code application/problem+json}): a title, a
 * human-readable detail and, for invalid input, the field errors under {@code errors}. Spring's own
 * exceptions (404 for unknown paths, 405, 406, 415, ...) come through the base class as problem details too.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidFields(InvalidFieldsException e) {
        return Problems.answer(Problems.invalid(HttpStatus.BAD_REQUEST, e.getMessage(), e.problems()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(RecordNotFoundException e) {
        return Problems.answer(Problems.problem(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownPost(UnknownPostException e) {
        return Problems.answer(Problems.invalid(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(),
                List.of(new FieldProblem("postId", "no post with id " + e.postId()))));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> stale(StaleEntityTagException e) {
        return Problems.answer(Problems.problem(HttpStatus.PRECONDITION_FAILED, e.getMessage()));
    }

    /** Writes wait for the first import: 503 with Retry-After. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> firstImportRunning(FirstImportRunningException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(FirstImportRunningException.RETRY_AFTER_SECONDS))
                .body(problem);
    }

    /** A safety net: validation should have caught it, but a database refusal is the client's input, not a 500. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> refusedByDatabase(DataIntegrityViolationException e) {
        log.warn("The database refused a write that passed validation", e);
        return Problems.answer(Problems.problem(HttpStatus.BAD_REQUEST,
                "The database refused the values (a constraint failed); nothing was written."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e; // Spring's own, handled by the base class
        }
        log.error("Unexpected failure while serving a request", e);
        return Problems.answer(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // the parser may wrap the limit's exception: look for it along the whole chain first
        var tooLarge = CauseChain.find(e, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return handleExceptionInternal(e, Problems.problem(HttpStatus.CONTENT_TOO_LARGE,
                    tooLarge.get().getMessage()), headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        var json = CauseChain.find(e, JacksonException.class);
        if (json.isPresent()) {
            return handleExceptionInternal(e, Problems.problem(HttpStatus.BAD_REQUEST,
                    "The request body is not valid JSON: " + firstLine(json.get().getOriginalMessage())
                            + location(json.get())), headers, HttpStatus.BAD_REQUEST, request);
        }
        String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "The request needs a JSON object as its body."
                : "The request body could not be read as JSON.";
        return handleExceptionInternal(e, Problems.problem(HttpStatus.BAD_REQUEST, detail),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        ProblemDetail problem = Problems.invalid(HttpStatus.BAD_REQUEST,
                "The path variable '" + name + "' must be a whole number, not '" + e.getValue() + "'.",
                List.of(new FieldProblem(name, "must be a whole number")));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String location(JacksonException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
