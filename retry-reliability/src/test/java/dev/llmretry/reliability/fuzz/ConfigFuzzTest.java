package dev.llmretry.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.config.LlmRetryConfigException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Fuzzes the retry.yaml loader: any text ends in a valid configuration or in an {@link LlmRetryConfigException} with
 * a message, never in another exception, and quickly. Seeds: {@code ConfigFuzzTestInputs/anyText_loadsOrExplains/}.
 * Runs the corpus in every build; fuzzes with {@code JAZZER_FUZZ=1} (see docs/reliability.md).
 */
class ConfigFuzzTest {
    /** Generous for a loader that takes microseconds: only a pathological input (a hang, a blow-up) exceeds it. */
    static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final Function<String, String> VARIABLES = name -> name.startsWith("SET") ? "1s" : null;

    @FuzzTest(maxDuration = "60s")
    void anyText_loadsOrExplains(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        try {
            LlmRetryConfig config = ConfigLoader.parse("fuzz.yaml", text, VARIABLES);
            assertNotNull(config.toString());
        } catch (LlmRetryConfigException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank(), "an empty message for: " + text);
        }
        long took = System.nanoTime() - t0;
        assertTrue(took < BUDGET_NANOS, "took " + took / 1_000_000 + " ms for " + input.length + " bytes");
    }
}
