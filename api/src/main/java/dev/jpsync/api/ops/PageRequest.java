package dev.jpsync.api.ops;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.jpsync.api.problems.Problems;

/**
 * {@code ?page=0&size=20} of an operator listing, checked: a page of 0 or more, a size of 1..100, and an offset
 * (page × size) that a 64-bit number holds. Numbers beyond a 64-bit {@code page} or a 32-bit {@code size} are
 * refused by the parameter binding, also with 400.
 */
public record PageRequest(long page, int size) {

    public static final int MAX_SIZE = 100;

    public static PageRequest of(long page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw invalid("page must be 0 or more and size between 1 and " + MAX_SIZE + " (got page=" + page
                    + ", size=" + size + ").");
        }
        try {
            Math.multiplyExact(page, size);
        } catch (ArithmeticException e) {
            throw invalid("page=" + page + " with size=" + size + " starts beyond the largest offset.");
        }
        return new PageRequest(page, size);
    }

    public long offset() {
        return page * size;
    }

    private static ErrorResponseException invalid(String detail) {
        return Problems.refusal(HttpStatus.BAD_REQUEST, "Invalid page", detail);
    }
}
