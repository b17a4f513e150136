package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
