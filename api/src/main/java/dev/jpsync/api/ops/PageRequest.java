package dev.jpsync.api.ops;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** {@code ?page=0&size=20} of an operator listing, checked: a page size of 1..100. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public static PageRequest of(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "page must be 0 or more and size between 1 and " + MAX_SIZE + " (got page=" + page + ", size="
                            + size + ").");
            problem.setTitle("Invalid page");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return new PageRequest(page, size);
    }

    public int offset() {
        return page * size;
    }
}
