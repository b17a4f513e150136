package dev.jpsync.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import dev.jpsync.api.problems.FieldProblem;
import dev.jpsync.api.problems.InvalidFieldsException;
import dev.jpsync.domain.ListQuery;

/**
 * A list request in json-server's query language, as JSONPlaceholder (json-server 0.8) and json-server 0.17
 * understand it:
 * <ul>
 * <li>{@code field=value}: exact match; repeating a field ORs its values; different fields are ANDed;</li>
 * <li>{@code _sort=f1,f2} and {@code _order=asc|desc,...} (any case), ties by id in the last key's direction;</li>
 * <li>{@code _page} (from 1) with {@code _limit} (default 10), else {@code _start} with {@code _end} or
 * {@code _limit}; {@code _start} alone slices nothing, as in json-server. A sliced list carries
 * {@code X-Total-Count}, a paged one also {@code Link} (first, prev, next, last).</li>
 * </ul>
 * Parameters that name no field are ignored, as json-server does. json-server features this API does not
 * offer ({@code q}, {@code _embed}, {@code _expand}, {@code _like}/{@code _gte}/{@code _lte}/{@code _ne}) are
 * refused with 400 rather than silently answered with an unfiltered list.
 *
 * @param query   what to read
 * @param sliced  whether json-server would send X-Total-Count
 * @param page    the page number when {@code _page} was given, else null
 * @param perPage the page size when {@code _page} was given
 */
public record Listing(ListQuery query, boolean sliced, Long page, long perPage) {

    private static final Pattern PAGE_PARAM = Pattern.compile("([?&])_page=[^&]*");
    private static final Set<String> IGNORED = Set.of("callback", "_"); // JSONP and jQuery's cache buster
    private static final Set<String> UNSUPPORTED = Set.of("q", "_embed", "_expand");
    private static final List<String> UNSUPPORTED_SUFFIXES = List.of("_like", "_gte", "_lte", "_ne");

    /**
     * @param params      the query parameters
     * @param fields      the resource's fields: name -> true when it holds ids (whole numbers)
     */
    public static Listing parse(MultiValueMap<String, String> params, Map<String, Boolean> fields) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, List<Object>> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = param.getKey();
            if (UNSUPPORTED.contains(name) || UNSUPPORTED_SUFFIXES.stream().anyMatch(name::endsWith)) {
                problems.add(new FieldProblem(name, "is a json-server feature this API does not offer"));
            } else if (fields.containsKey(name) && !IGNORED.contains(name)) {
                List<Object> values = new ArrayList<>();
                for (String value : param.getValue()) {
                    if (fields.get(name)) {
                        Long id = wholeNumber(name, value, problems);
                        if (id != null) {
                            values.add(id);
                        }
                    } else {
                        values.add(value);
                    }
                }
                filters.put(name, values);
            }
        }

        List<ListQuery.SortKey> sort = sort(params.getFirst("_sort"), params.getFirst("_order"), fields, problems);

        Long page = nonNegative("_page", params.getFirst("_page"), problems);
        Long limit = nonNegative("_limit", params.getFirst("_limit"), problems);
        Long start = nonNegative("_start", params.getFirst("_start"), problems);
        Long end = nonNegative("_end", params.getFirst("_end"), problems);
        if (page != null && page > 1 && offsetOverflows(page - 1, limit == null || limit == 0 ? 10 : limit)) {
            problems.add(new FieldProblem("_page", "with _limit starts beyond the largest offset"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems.size() == 1
                    ? "The query parameter " + problems.get(0).field() + " " + problems.get(0).message() + "."
                    : "The query has " + problems.size() + " invalid parameters; see errors.", problems);
        }

        long offset = 0;
        Long rows = null;
        long perPage = 0;
        if (page != null) {
            page = Math.max(page, 1);
            perPage = limit == null || limit == 0 ? 10 : limit;
            offset = (page - 1) * perPage;
            rows = perPage;
        } else if (end != null) {
            offset = start == null ? 0 : start;
            rows = Math.max(end - offset, 0);
        } else if (limit != null) {
            offset = start == null ? 0 : start;
            rows = limit;
        }
        boolean sliced = page != null || end != null || limit != null;
        return new Listing(new ListQuery(filters, sort, offset, rows), sliced, page, perPage);
    }

    /** Overrides one filter, e.g. postId for /posts/{id}/comments (json-server's nested route does the same). */
    public Listing withFilter(String field, Object value) {
        Map<String, List<Object>> filters = new LinkedHashMap<>(query.filters());
        filters.put(field, List.of(value));
        return new Listing(new ListQuery(filters, query.sort(), query.offset(), query.limit()), sliced, page, perPage);
    }

    /** How many records the slice holds when {@code total} match the filters. */
    public long itemCount(long total) {
        long remaining = Math.max(total - query.offset(), 0);
        return query.limit() == null ? remaining : Math.min(query.limit(), remaining);
    }

    /** X-Total-Count and, for pages, Link, as json-server sends them. */
    public HttpHeaders headers(long total, long itemCount, UriComponentsBuilder currentRequest) {
        HttpHeaders headers = new HttpHeaders();
        if (!sliced) {
            return headers;
        }
        headers.set("X-Total-Count", Long.toString(total));
        headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, page != null ? "X-Total-Count, Link" : "X-Total-Count");
        if (page != null && itemCount > 0) {
            List<String> links = new ArrayList<>();
            boolean partial = itemCount != total;
            long last = (total - 1) / perPage + 1; // not (total + perPage - 1): perPage may be near Long.MAX_VALUE
            if (partial) {
                links.add(link(currentRequest, 1, "first"));
            }
            if (page > 1) {
                links.add(link(currentRequest, page - 1, "prev"));
            }
            if (page <= total / perPage && page * perPage < total) { // no overflow: page * perPage <= total
                links.add(link(currentRequest, page + 1, "next"));
            }
            if (partial) {
                links.add(link(currentRequest, last, "last"));
            }
            if (!links.isEmpty()) {
                headers.set(HttpHeaders.LINK, String.join(", ", links));
            }
        }
        return headers;
    }

    private static String link(UriComponentsBuilder currentRequest, long page, String rel) {
        // replaced in place, so that the links keep the request's parameter order as json-server's do
        String url = PAGE_PARAM.matcher(currentRequest.build().toUriString()).replaceFirst("$1_page=" + page);
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    private static List<ListQuery.SortKey> sort(String sortParam, String orderParam, Map<String, Boolean> fields,
                                                List<FieldProblem> problems) {
        List<ListQuery.SortKey> sort = new ArrayList<>();
        if (sortParam == null || sortParam.isEmpty()) {
            return sort;
        }
        String[] names = sortParam.split(",");
        String[] orders = orderParam == null || orderParam.isEmpty() ? new String[0] : orderParam.split(",");
        if (orders.length > names.length) {
            problems.add(new FieldProblem("_order", "has more entries than _sort"));
        }
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim();
            if (!fields.containsKey(name)) {
                problems.add(new FieldProblem("_sort", "names an unknown field '" + name + "'; known: "
                        + fields.keySet()));
                continue;
            }
            String order = i < orders.length ? orders[i].trim().toLowerCase(Locale.ROOT) : "asc";
            if (!order.equals("asc") && !order.equals("desc")) {
                problems.add(new FieldProblem("_order", "must be asc or desc, not '" + orders[i] + "'"));
                continue;
            }
            sort.add(new ListQuery.SortKey(name, order.equals("desc")));
        }
        return sort;
    }

    private static Long wholeNumber(String name, String value, List<FieldProblem> problems) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(name, "must be a whole number, not '" + value + "'"));
            return null;
        }
    }

    private static Long nonNegative(String name, String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        Long number = wholeNumber(name, value, problems);
        if (number != null && number < 0) {
            problems.add(new FieldProblem(name, "must not be negative"));
            return null;
        }
        return number;
    }

    private static boolean offsetOverflows(long pagesBefore, long perPage) {
        try {
            Math.multiplyExact(pagesBefore, perPage);
            return false;
        } catch (ArithmeticException e) {
            return true;
        }
    }
}
