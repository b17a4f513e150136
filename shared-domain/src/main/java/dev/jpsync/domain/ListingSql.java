package dev.jpsync.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a {@link ListQuery} into SQL over one table, with the field names mapped to columns. */
record ListingSql(String sql, List<Object> params) {

    static ListingSql select(String columns, String table, Map<String, String> fieldColumns, ListQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(table);
        where(sql, params, fieldColumns, query);
        sql.append(" ORDER BY ");
        boolean lastDescending = false;
        for (ListQuery.SortKey key : query.sort()) {
            sql.append(column(fieldColumns, key.field())).append(key.descending() ? " DESC, " : " ASC, ");
            lastDescending = key.descending();
        }
        sql.append("id").append(lastDescending ? " DESC" : " ASC");
        if (query.limit() != null || query.offset() > 0) {
            sql.append(" LIMIT ? OFFSET ?");
            params.add(query.limit() == null ? Long.MAX_VALUE : query.limit());
            params.add(query.offset());
        }
        return new ListingSql(sql.toString(), params);
    }

    static ListingSql count(String table, Map<String, String> fieldColumns, ListQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(table);
        where(sql, params, fieldColumns, query);
        return new ListingSql(sql.toString(), params);
    }

    private static void where(StringBuilder sql, List<Object> params, Map<String, String> fieldColumns,
                              ListQuery query) {
        String conditions = query.filters().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()) // stable SQL text for the statement cache
                .map(filter -> {
                    if (filter.getValue().isEmpty()) {
                        throw new IllegalArgumentException("No values for filter " + filter.getKey());
                    }
                    params.addAll(filter.getValue());
                    return column(fieldColumns, filter.getKey()) + " IN ("
                            + SqlLists.placeholders(filter.getValue().size()) + ")";
                })
                .collect(Collectors.joining(" AND "));
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(conditions);
        }
    }

    private static String column(Map<String, String> fieldColumns, String field) {
        String column = fieldColumns.get(field);
        if (column == null) {
            throw new IllegalArgumentException("Unknown field " + field + "; known: " + fieldColumns.keySet());
        }
        return column;
    }
}
