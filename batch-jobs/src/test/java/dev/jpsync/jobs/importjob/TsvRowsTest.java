package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The text LOAD DATA reads: what would end a field or a row, or start an escape, is escaped. */
class TsvRowsTest {

    @Test
    void writesNumbersAndTextsSeparatedByTabsOneRowPerLine() {
        TsvRows rows = new TsvRows().add(1L, 2, "title").add(30L, 4, "ünïcode ✓").add(-12L, 0, "", Long.MAX_VALUE);

        assertThat(rows.rows()).isEqualTo(3);
        assertThat(rows.text()).isEqualTo("1\t2\ttitle\n30\t4\tünïcode ✓\n-12\t0\t\t9223372036854775807\n");
    }

    @Test
    void escapesBackslashTabNewlineCarriageReturnAndNul() {
        assertThat(new TsvRows().add("a\\b\tc\nd\re\0f").text()).isEqualTo("a\\\\b\\tc\\nd\\re\\0f\n");
        assertThat(new TsvRows().add("\n\nx\\").text()).as("at both ends, twice in a row").isEqualTo("\\n\\nx\\\\\n");
    }

    @Test
    void refusesValuesItCannotWrite() {
        assertThatThrownBy(() -> new TsvRows().add((Object) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TsvRows().add(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesEveryTextAsGetBytesDoesAcrossBlocks() throws IOException {
        Random random = new Random(5);
        TsvRows rows = new TsvRows();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int row = 0; row < 3_000; row++) {
            long id = random.nextLong();
            String text = text(random);
            rows.add(id, text);
            expected.writeBytes((id + "\t").getBytes(StandardCharsets.US_ASCII));
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) { // the specification: UTF-8, then escaped
                switch (b) {
                    case '\\' -> expected.writeBytes(new byte[] {'\\', '\\'});
                    case 0 -> expected.writeBytes(new byte[] {'\\', '0'});
                    case '\t' -> expected.writeBytes(new byte[] {'\\', 't'});
                    case '\n' -> expected.writeBytes(new byte[] {'\\', 'n'});
                    case '\r' -> expected.writeBytes(new byte[] {'\\', 'r'});
                    default -> expected.write(b);
                }
            }
            expected.write('\n');
        }
        assertThat(expected.size()).as("several blocks").isGreaterThan(4 * TsvRows.BLOCK);
        try (InputStream in = rows.stream()) {
            assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
        }
        assertThat(rows.rows()).isEqualTo(3_000);
    }

    /** ASCII, escapes, two- and three-byte characters, surrogate pairs and lone surrogates, at block edges too. */
    private static String text(Random random) {
        String[] pieces = {"a", "Zz", "\\", "\t", "\n", "\r", "\0", "é", "ü", "✓", "€", "\ud83d\ude00", "\ud83d", "\ude00",
                "x".repeat(1000), "\u07ff", "\u0800", "\uffff", "\u0080"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
