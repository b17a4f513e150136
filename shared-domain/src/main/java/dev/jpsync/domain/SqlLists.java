package dev.jpsync.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Helpers for {@code IN (...)} lists of ids. */
public final class SqlLists {

    /** Ids per statement: keeps statements and their parameter lists small. */
    public static final int BATCH = 1000;

    private SqlLists() {
    }

    /** {@code ?, ?, ?} for n parameters. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** The ids in consecutive parts of at most {@link #BATCH}. */
    public static <T> List<List<T>> partition(List<T> ids) {
        List<List<T>> parts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BATCH) {
            parts.add(ids.subList(i, Math.min(ids.size(), i + BATCH)));
        }
        return parts;
    }
}
