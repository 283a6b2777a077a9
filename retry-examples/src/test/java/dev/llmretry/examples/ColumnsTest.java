package dev.llmretry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ColumnsTest {
    @Test
    void symbolsOfTheDemo_takeTheirTerminalColumns() {
        assertEquals(5, Columns.of("\u27f3 iag"), "\u27f3 is one column");
        assertEquals(7, Columns.of("\u231b wait"), "\u231b is a wide (two-column) character");
        assertEquals(4, Columns.of("[\u2588\u2591]"), "the bar's blocks are one column each");
    }

    @Test
    void longText_clippedToTheWidth_endsWithAnEllipsis() {
        assertEquals("abcdefghi\u2026", Columns.clip("abcdefghijklmnop", 10, true));
        assertEquals("abcdefghi~", Columns.clip("abcdefghijklmnop", 10, false));
        assertEquals("short", Columns.clip("short", 10, true));
        assertEquals("ab\u2026", Columns.clip("ab\u231bcd", 4, true), "a wide character that does not fit is left out");
    }

    @Test
    void columnsVariable_onlyAPositiveNumberCounts() {
        assertEquals(120, Columns.parse(" 120 "));
        assertNull(Columns.parse("0"));
        assertNull(Columns.parse("wide"));
        assertNull(Columns.parse(null));
    }
}
