package dev.llmretry.testing.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void specialCharacters_quoted_areEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028\"", Json.quote("a\"b\\c\nd\re\tf\u0001g\u2028"));
        assertEquals("null", Json.quote(null));
    }

    @Test
    void nonAsciiText_quoted_passesThroughUnescaped() {
        assertEquals("\"caf\u00e9 \u2713 \ud83d\ude00\"", Json.quote("caf\u00e9 \u2713 \ud83d\ude00"));
    }

    @Test
    void anyString_quotedThenParsed_roundTrips() {
        for (String s : List.of("", "plain", "\"quoted\"", "back\\slash", "multi\nline\r\n", "\u0000\u001f", "\ud83d\ude00 emoji")) {
            assertEquals(s, Json.parse(Json.quote(s)));
        }
    }

    @Test
    void nestedDocument_parsed_givesMapsListsAndValues() {
        Object parsed = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, {\"b\": \"\\u00e9\\/\"}], \"c\": {}} ");

        Map<?, ?> map = (Map<?, ?>) parsed;
        assertEquals(Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null, Map.of("b", "\u00e9/")),
                map.get("a"));
        assertEquals(Map.of(), map.get("c"));
    }

    @Test
    void malformedDocuments_parsed_failWithOffset() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{} x", "\"\\q\"")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Invalid JSON at offset"), e.getMessage());
        }
    }
}
