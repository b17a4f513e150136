package dev.jpsync.api.problems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * The one factory of the service's refusals, as RFC 9457 problem details: a status, a title (the status's
 * reason phrase unless a more precise one is given), a detail for people and, for invalid input, the fields
 * under {@code errors}. The MVC handlers answer with {@link #answer}, code outside a handler throws
 * {@link #refusal}, and the security filters (which run before Spring MVC) write {@link #body}.
 */
public final class Problems {

    private Problems() {
    }

    /** A problem with the status's reason phrase as its title. */
    public static ProblemDetail problem(HttpStatus status, String detail) {
        return problem(status, null, detail);
    }

    /** A problem; a null title means the status's reason phrase. */
    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (title != null) {
            problem.setTitle(title);
        }
        return problem;
    }

    /** A problem that names the request's fields at fault. */
    public static ProblemDetail invalid(HttpStatus status, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = problem(status, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The answer of an exception handler. */
    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** To throw where a request is refused outside an exception handler; Spring MVC answers it as it is. */
    public static ErrorResponseException refusal(HttpStatus status, String title, String detail) {
        return new ErrorResponseException(status, problem(status, title, detail), null);
    }

    /**
     * The members of a problem as Spring MVC writes them (RFC 9457's, then the extension members at the top
     * level), for the filters that answer before Spring MVC does.
     */
    public static Map<String, Object> body(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString()); // RFC 9457's default
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
