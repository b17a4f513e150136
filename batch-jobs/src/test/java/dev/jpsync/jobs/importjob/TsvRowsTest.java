package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The text LOAD DATA reads: what would end a field or a row, or start an escape, is escaped. */
class TsvRowsTest {

    @Test
    void writesNumbersAndTextsSeparatedByTabsOneRowPerLine() {
        TsvRows rows = new TsvRows().add(1L, 2, "title").add(3L, 4, "ünïcode ✓");

        assertThat(rows.rows()).isEqualTo(2);
        assertThat(rows.text()).isEqualTo("1\t2\ttitle\n3\t4\tünïcode ✓\n");
    }

    @Test
    void escapesBackslashTabNewlineCarriageReturnAndNul() {
        assertThat(new TsvRows().add("a\\b\tc\nd\re\0f").text()).isEqualTo("a\\\\b\\tc\\nd\\re\\0f\n");
    }

    @Test
    void refusesValuesItCannotWrite() {
        assertThatThrownBy(() -> new TsvRows().add((Object) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TsvRows().add(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
