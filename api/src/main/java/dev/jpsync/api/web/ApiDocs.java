package dev.jpsync.api.web;

/** Examples shared by the OpenAPI annotations of the controllers. */
public final class ApiDocs {

    private ApiDocs() {
    }

    public static final String PROBLEM_JSON = "application/problem+json";

    public static final String INVALID_FIELDS_EXAMPLE = """
            {"type": "about:blank", "title": "Bad Request", "status": 400,
             "detail": "The request body has 2 invalid fields; see errors.", "instance": "/posts",
             "errors": [{"field": "title", "message": "must be at most 255 characters"},
                        {"field": "userId", "message": "must be a whole number"}]}""";

    public static final String NOT_FOUND_EXAMPLE = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "There is no post with id 999.", "instance": "/posts/999"}""";

    public static final String STALE_EXAMPLE = """
            {"type": "about:blank", "title": "Precondition Failed", "status": 412,
             "detail": "If-Match \\"abc\\" does not match the current ETag \\"Zx3...\\": the record changed since you read it. GET it again and retry.",
             "instance": "/posts/1"}""";

    public static final String LIST_PARAMETERS = """
            json-server query language: `field=value` exact match (repeat a field to OR its values), \
            `_sort=field[,field]` with `_order=asc|desc[,...]`, `_page` (from 1) with `_limit` (default 10), \
            or `_start` with `_end` or `_limit`. Sliced answers carry `X-Total-Count`, pages also `Link`.""";
}
