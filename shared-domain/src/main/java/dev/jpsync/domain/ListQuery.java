package dev.jpsync.domain;

import java.util.List;
import java.util.Map;

/**
 * A listing in json-server's terms: exact-match filters (the values given for one field are OR-ed, different
 * fields are AND-ed), a sort, and a slice. Field names are JSONPlaceholder's ({@code userId}, not
 * {@code user_id}); the repositories map them to columns and refuse names they do not know.
 *
 * @param filters field name -> accepted values (Long for id-like fields, String otherwise)
 * @param sort    sort keys in order of precedence; ties are broken by id in the direction of the last key,
 *                as JSONPlaceholder does (it reverses a stable ascending sort for DESC)
 * @param offset  rows to skip
 * @param limit   at most this many rows, null for all
 */
public record ListQuery(Map<String, List<Object>> filters, List<SortKey> sort, long offset, Long limit) {

    public ListQuery {
        filters = Map.copyOf(filters);
        sort = List.copyOf(sort);
        if (offset < 0 || (limit != null && limit < 0)) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    public static ListQuery all() {
        return new ListQuery(Map.of(), List.of(), 0, null);
    }

    /** One key of a sort. */
    public record SortKey(String field, boolean descending) {
    }
}
