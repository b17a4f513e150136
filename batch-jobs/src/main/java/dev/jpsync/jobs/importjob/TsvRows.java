package dev.jpsync.jobs.importjob;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format {@code LOAD DATA} reads by default: fields separated by a tab, rows ended by a newline,
 * a backslash escaping a backslash, tab, newline, carriage return or NUL in a value, UTF-8 (the statement says
 * {@code CHARACTER SET utf8mb4}). No NULLs: the import's columns have none.
 */
final class TsvRows {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    private final StringBuilder row = new StringBuilder(512);
    private int rows;

    /** Appends one row of whole numbers and texts. */
    TsvRows add(Object... values) {
        row.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append('\t');
            }
            Object value = values[i];
            if (value instanceof Long || value instanceof Integer) {
                row.append(value);
            } else if (value instanceof String text) {
                escape(text, row);
            } else {
                throw new IllegalArgumentException("a value of type " + (value == null ? "null" : value.getClass().getName()));
            }
        }
        row.append('\n');
        bytes.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
    }
}
