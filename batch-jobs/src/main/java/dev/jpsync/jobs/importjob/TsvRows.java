package dev.jpsync.jobs.importjob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows in the text format {@code LOAD DATA} reads by default: fields separated by a tab, rows ended by a newline,
 * a backslash escaping a backslash, tab, newline, carriage return or NUL in a value, UTF-8 (the statement says
 * {@code CHARACTER SET utf8mb4}). No NULLs: the import's columns have none.
 * <p>
 * A text is encoded and escaped character by character straight into blocks of {@value #BLOCK} bytes, as
 * {@link String#getBytes(java.nio.charset.Charset)} encodes it (a lone surrogate becomes {@code ?}). Blocks rather
 * than one growing array: a chunk's rows take megabytes, and every doubling of one array left the last one as
 * garbage, each of them larger than half a heap region of a small heap, which the JVM collects at once.
 */
final class TsvRows {

    static final int BLOCK = 64 * 1024;

    private final List<byte[]> blocks = new ArrayList<>();
    private final List<Integer> filled = new ArrayList<>();
    private byte[] block = new byte[BLOCK];
    private int size;
    private int rows;

    /** Appends one row of whole numbers and texts. */
    TsvRows add(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                room(1);
                block[size++] = '\t';
            }
            Object value = values[i];
            if (value instanceof Long || value instanceof Integer) {
                putNumber(((Number) value).longValue());
            } else if (value instanceof String text) {
                putEscaped(text);
            } else {
                throw new IllegalArgumentException("a value of type " + (value == null ? "null" : value.getClass().getName()));
            }
        }
        room(1);
        block[size++] = '\n';
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    InputStream stream() {
        List<InputStream> parts = new ArrayList<>(blocks.size() + 1);
        for (int i = 0; i < blocks.size(); i++) {
            parts.add(new ByteArrayInputStream(blocks.get(i), 0, filled.get(i)));
        }
        parts.add(new ByteArrayInputStream(block, 0, size));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    String text() {
        try (InputStream in = stream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putNumber(long value) {
        room(20);
        if (value < 0) {
            block[size++] = '-';
            value = -value; // ids and counts: never Long.MIN_VALUE
        }
        int start = size;
        do {
            block[size++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte b = block[i];
            block[i] = block[j];
            block[j] = b;
        }
    }

    /** The five to escape are {@code \\}, {@code \0}, tab, newline and CR; at most four bytes per character. */
    private void putEscaped(String text) {
        byte[] out = block;
        int at = size;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (at > BLOCK - 4) {
                size = at;
                room(4);
                out = block;
                at = size;
            }
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == '\\' || (c <= '\r' && (c == 0 || c == '\t' || c == '\n' || c == '\r'))) {
                    out[at++] = '\\';
                    out[at++] = (byte) switch (c) {
                        case '\\' -> '\\';
                        case '\t' -> 't';
                        case '\n' -> 'n';
                        case '\r' -> 'r';
                        default -> '0';
                    };
                } else {
                    out[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | point >> 18);
                out[at++] = (byte) (0x80 | point >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | point >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | point & 0x3F);
            } else {
                out[at++] = '?';
            }
        }
        size = at;
    }

    /** Starts a new block unless this one has {@code bytes} more. */
    private void room(int bytes) {
        if (size + bytes > BLOCK) {
            blocks.add(block);
            filled.add(size);
            block = new byte[BLOCK];
            size = 0;
        }
    }
}
