package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.time.RandomSource;
import org.junit.jupiter.api.Test;

/** {@link LlmRuntime#install}: what a test, the harness or a benchmark puts in force, and what closing restores. */
class InstallationTest {
    final LlmRuntime runtime = new LlmRuntime(() -> ConfigLoader.parse("file retry.yaml",
            "endpoints: { iag: { url: \"https://iag.example\" } }\n", v -> null));

    @Test
    void install_putsTimeRandomAndConfigInForce_closeRestoresTheEarlierOnes_andForgetsState() {
        var before = runtime.time();
        var beforeRandom = runtime.random();
        ExecutorTest.Clock clock = new ExecutorTest.Clock();
        RandomSource seeded = RandomSource.seeded(3);
        LlmRetryConfig config = ConfigLoader.parse("test retry.yaml",
                "endpoints: { oneapi: { url: \"https://oneapi.example\" } }\n", v -> null);

        try (LlmRuntime.Installation run = runtime.install(clock, seeded, config)) {
            assertSame(clock, runtime.time());
            assertSame(seeded, runtime.random());
            assertEquals(java.util.Set.of("oneapi"), runtime.config().endpoints().keySet());
            Thread.currentThread().interrupt(); // as an attempt-timeout may leave it
        }

        assertSame(before, runtime.time());
        assertSame(beforeRandom, runtime.random());
        assertFalse(Thread.interrupted(), "closing clears a stray interrupt");
        assertEquals(java.util.Set.of("iag"), runtime.config().endpoints().keySet(), "state forgotten: the file again");
    }
}
