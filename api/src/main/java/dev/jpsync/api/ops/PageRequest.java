package dev.jpsync.api.ops;

import org.springframework.http.HttpStatus;

import dev.jpsync.api.problems.Problems;

/** {@code ?page=0&size=20} of an operator listing, checked: a page size of 1..100. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public static PageRequest of(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw Problems.refusal(HttpStatus.BAD_REQUEST, "Invalid page",
                    "page must be 0 or more and size between 1 and " + MAX_SIZE + " (got page=" + page + ", size="
                            + size + ").");
        }
        return new PageRequest(page, size);
    }

    public int offset() {
        return page * size;
    }
}
