package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values at the edges: durations too large to hold, and variables whose default is itself a variable. */
class ConfigEdgeValuesTest {
    static LlmRetryConfig parse(String yaml, Map<String, String> vars) {
        return ConfigLoader.parse("retry.yaml", yaml, vars::get);
    }

    static String fails(String yaml, Map<String, String> vars) {
        return assertThrows(LlmRetryConfigException.class, () -> parse(yaml, vars)).getMessage();
    }

    static Duration maxDuration(String value, Map<String, String> vars) {
        return parse("retry: { default: { max-duration: \"" + value + "\" } }", vars).retryPolicy("default")
                .maxDuration();
    }

    @Test
    void durationTooLargeToHold_load_saysTooLargeAndTheMost_notThatItIsNoDuration() {
        for (String value : new String[] {"9999999999999d", "99999999999999999999999d", "PT99999999999999999H"}) {
            String message = fails("retry: { default: { max-duration: " + value + " } }", Map.of());
            assertTrue(message.contains("max-duration was " + value + ", must be at most 106751d"), message);
            assertFalse(message.contains("must be a duration like"), message);
        }
    }

    @Test
    void nestedDefault_load_usesTheFirstSetVariable_elseTheInnermostDefault() {
        assertEquals(Duration.ofSeconds(5), maxDuration("${A:${B:5s}}", Map.of()));
        assertEquals(Duration.ofSeconds(7), maxDuration("${A:${B:5s}}", Map.of("B", "7s")));
        assertEquals(Duration.ofSeconds(2), maxDuration("${A:${B:5s}}", Map.of("A", "2s", "B", "7s")));
        assertEquals(Duration.ofSeconds(3), maxDuration("${A:${B:${C:3s}}}", Map.of()));
        assertEquals(Duration.ofMinutes(1), maxDuration("${A:1}m", Map.of()));
    }

    @Test
    void nestedDefaultWithoutAValue_load_namesTheUnsetVariables() {
        String message = fails("retry: { default: { max-duration: \"${A:${B}}\" } }", Map.of());
        assertTrue(message.contains("${B}"), message);
        assertTrue(message.contains("not set"), message);
    }

    @Test
    void nestedDefaultNotClosed_load_saysSo() {
        String message = fails("retry: { default: { max-duration: \"${A:${B:5s}\" } }", Map.of());
        assertTrue(message.contains("without a closing \"}\""), message);
    }
}
