package dev.llmretry.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "500ms, PT0.5S",
            "2s, PT2S",
            "1m, PT1M",
            "1h, PT1H",
            "1d, PT24H",
            "1.5s, PT1.5S",
            "0.5m, PT30S",
            ".25s, PT0.25S",
            "0s, PT0S",
            "0ms, PT0S",
            "' 2s ', PT2S",
            "2 s, PT2S",
            "2S, PT2S",
            "PT2S, PT2S",
            "pt2s, PT2S",
            "PT1M30S, PT1M30S",
            "P1D, PT24H",
            "PT0.001S, PT0.001S",
    })
    void validText_parse_givesDuration(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-1s", "-PT2S", "PT-2S", "-0.5ms"})
    void negativeDuration_parse_rejectedSayingNegative(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().startsWith("negative duration"), e.getMessage());
        assertTrue(e.getMessage().contains(Durations.ACCEPTED), e.getMessage());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "   ", "abc", "5", "1.5", "2 seconds", "2sec", "1e3s", "s", "P", "PTXS", "1,5s", "1.s"})
    void garbage_parse_rejectedSayingWhatIsAccepted(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("500ms, 2s, 1.5m, 1h, 1d or ISO-8601 PT2S"), e.getMessage());
    }

    @ParameterizedTest
    @NullSource
    void nullText_parse_rejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"5", "1.5"})
    void numberWithoutUnit_parse_saysUnitMissing(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' has no unit; expected " + Durations.ACCEPTED, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"999999999999999999999h", "200000d"})
    void hugeDuration_parse_rejectedAsTooLarge(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PT0S, 0ms",
            "PT0.25S, 250ms",
            "PT0.9994S, 999ms",
            "PT0.9996S, 1.0s",
            "PT1S, 1.0s",
            "PT1.25S, 1.3s",
            "PT2.5S, 2.5s",
            "PT59.9S, 59.9s",
            "PT59.96S, 1.0m",
            "PT150S, 2.5m",
            "PT1H30M, 1.5h",
            "PT48H, 2.0d",
    })
    void duration_format_givesShortHumanForm(String iso, String expected) {
        assertEquals(expected, Durations.format(Duration.parse(iso)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PT0.25S", "PT1S", "PT2.5S", "PT150S", "PT1H30M"})
    void formattedDuration_parse_givesItBack(String iso) {
        Duration d = Duration.parse(iso);
        assertEquals(d, Durations.parse(Durations.format(d)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"PT0S, 0s", "PT0.25S, 250ms", "PT1.25S, 1250ms", "PT2S, 2s", "PT5M, 5m", "PT2H, 2h", "PT48H, 2d",
            "PT0.0000005S, PT0.0000005S"})
    void duration_exact_givesLosslessForm(String iso, String expected) {
        assertEquals(expected, Durations.exact(Duration.parse(iso)));
    }
}
