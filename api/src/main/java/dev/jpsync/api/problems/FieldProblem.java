package dev.jpsync.api.problems;

/** One invalid field of a request body (or query parameter), as listed in a problem's {@code errors}. */
public record FieldProblem(String field, String message) {
}
