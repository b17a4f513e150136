package dev.jpsync.jobs.importjob;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in the text format {@code LOAD DATA} reads by default: fields separated by a tab, rows ended by a newline,
 * a backslash escaping a backslash, tab, newline, carriage return or NUL in a value, UTF-8 (the statement says
 * {@code CHARACTER SET utf8mb4}). No NULLs: the import's columns have none.
 * <p>
 * Written straight into one byte buffer: a text is encoded once and escaped byte by byte, which is safe because
 * the characters to escape are ASCII and no byte of a multi-byte UTF-8 character is.
 */
final class TsvRows {

    private byte[] bytes = new byte[64 * 1024];
    private int size;
    private int rows;

    /** Appends one row of whole numbers and texts. */
    TsvRows add(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            Object value = values[i];
            if (value instanceof Long || value instanceof Integer) {
                putNumber(((Number) value).longValue());
            } else if (value instanceof String text) {
                putEscaped(text.getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IllegalArgumentException("a value of type " + (value == null ? "null" : value.getClass().getName()));
            }
        }
        put((byte) '\n');
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, size);
    }

    String text() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void putNumber(long value) {
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value; // ids and counts: never Long.MIN_VALUE
        }
        int start = size;
        do {
            bytes[size++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
    }

    /** Copies runs of plain bytes at once; the five to escape are {@code \\}, {@code \0}, tab, newline and CR. */
    private void putEscaped(byte[] text) {
        ensure(2 * text.length);
        int run = 0;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '\\' || (b >= 0 && b <= '\r' && (b == 0 || b == '\t' || b == '\n' || b == '\r'))) {
                System.arraycopy(text, run, bytes, size, i - run);
                size += i - run;
                run = i + 1;
                escape(switch (b) {
                    case '\\' -> (byte) '\\';
                    case '\t' -> (byte) 't';
                    case '\n' -> (byte) 'n';
                    case '\r' -> (byte) 'r';
                    default -> (byte) '0';
                });
            }
        }
        System.arraycopy(text, run, bytes, size, text.length - run);
        size += text.length - run;
    }

    private void escape(byte code) {
        bytes[size++] = '\\';
        bytes[size++] = code;
    }

    private void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
