package dev.jpsync.api.security;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.jpsync.api.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** 401, 403 and 429 of the security filters as RFC 9457 problem details, like every other refusal of the API. */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "jsonplaceholder-sync";

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        // a script's call (the dashboard's) gets no challenge, so the browser shows no Basic pop-up of its
        // own over the page's sign-in form; Spring's default Basic entry point makes the same exception
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
        write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "This request needs HTTP Basic credentials of a user with the right role.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                "The user is authenticated but lacks the role this request needs.");
    }

    /** 403 for a request refused before anyone's credentials or role were looked at. */
    void refuse(HttpServletRequest request, HttpServletResponse response, String title, String detail)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, title, detail);
    }

    /** 429 for an address that failed to log in too often; it may try again after {@code retryAfterSeconds}. */
    void tooManyFailedLogins(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                "Too many failed logins from this address; try again in " + retryAfterSeconds + " s.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        ProblemDetail problem = Problems.problem(status, title, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.body(problem));
    }
}
