package dev.jpsync.api.ops;

import java.util.List;

/**
 * One page of an operator listing, newest first.
 *
 * @param content       the items of this page
 * @param page          0-based page number
 * @param size          the page size asked for
 * @param totalElements items in all pages
 * @param totalPages    number of pages
 */
public record ResultPage<T>(List<T> content, long page, int size, long totalElements, long totalPages) {

    public static <T> ResultPage<T> of(List<T> content, PageRequest request, long totalElements) {
        return new ResultPage<>(content, request.page(), request.size(), totalElements,
                (totalElements + request.size() - 1) / request.size());
    }
}
