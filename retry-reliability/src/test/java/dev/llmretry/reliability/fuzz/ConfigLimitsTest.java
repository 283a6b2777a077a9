package dev.llmretry.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.config.LlmRetryConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The loader's limits, asserted outright (the fuzz corpus only asserts "loads or explains"). */
class ConfigLimitsTest {
    static final Duration FAST = Duration.ofSeconds(2);

    @Test
    void aliasBomb_parse_rejectedQuicklyNamingTheLimit() throws IOException {
        String bomb = seed("alias-bomb");
        LlmRetryConfigException e = assertTimeoutPreemptively(FAST, () -> assertThrows(LlmRetryConfigException.class,
                () -> ConfigLoader.parse("bomb.yaml", bomb, v -> null)));
        assertTrue(e.getMessage().contains("aliases"), e.getMessage());
    }

    @Test
    void documentOverThreeMegabytes_parse_rejectedQuickly() {
        String huge = "# " + "x".repeat(ConfigLoader.MAX_BYTES + 10) + "\nretry: {}\n";
        LlmRetryConfigException e = assertTimeoutPreemptively(FAST, () -> assertThrows(LlmRetryConfigException.class,
                () -> ConfigLoader.parse("huge.yaml", huge, v -> null)));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void deepNesting_parse_rejectedQuicklyNamingTheLimit() throws IOException {
        String deep = seed("deep-flow");
        LlmRetryConfigException e = assertTimeoutPreemptively(FAST, () -> assertThrows(LlmRetryConfigException.class,
                () -> ConfigLoader.parse("deep.yaml", deep, v -> null)));
        assertTrue(!e.getMessage().isBlank(), e.getMessage());
    }

    private static String seed(String name) throws IOException {
        try (InputStream in = ConfigLimitsTest.class.getResourceAsStream("ConfigFuzzTestInputs/anyText_loadsOrExplains/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
