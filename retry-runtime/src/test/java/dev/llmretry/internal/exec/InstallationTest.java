package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmretry.config.LlmRetryConfigException;
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

    LlmRetryConfig oneapi() {
        return ConfigLoader.parse("test retry.yaml", "endpoints: { oneapi: { url: \"https://oneapi.example\" } }\n", v -> null);
    }

    @Test
    void nestedInstall_restartsOnItsOwnClock_closingReturnsToTheOuterClockAndFaults_stateForgotten() {
        ExecutorTest.Clock outer = new ExecutorTest.Clock();
        ExecutorTest.Clock restarted = new ExecutorTest.Clock();
        FaultInjector faults = (method, endpoint) -> { };
        try (LlmRuntime.Installation run = runtime.install(outer, RandomSource.seeded(1), oneapi()).faults(faults)) {
            var breaker = runtime.targets().get(0).breaker();

            try (LlmRuntime.Installation restart = runtime.install(restarted, RandomSource.seeded(2), null)) {
                assertSame(restarted, runtime.time());
                assertNotSame(breaker, runtime.targets().get(0).breaker(), "a restart: fresh state");
                assertEquals(java.util.Set.of("iag"), runtime.config().endpoints().keySet());
            }

            assertSame(outer, runtime.time());
            assertSame(faults, runtime.faultInjector(), "the outer installation's faults are back");
        }
        assertNull(runtime.faultInjector());
    }

    @Test
    void useTime_replacesTheClockForTheRestOfTheInstallation_stateKept_closeRestoresTheOneBefore() {
        var before = runtime.time();
        ExecutorTest.Clock clock = new ExecutorTest.Clock();
        ExecutorTest.Clock frozen = new ExecutorTest.Clock();
        try (LlmRuntime.Installation run = runtime.install(clock, RandomSource.seeded(1), oneapi())) {
            var breaker = runtime.targets().get(0).breaker();
            Object plans = runtime.plans().generation();

            assertSame(run, run.useTime(frozen, RandomSource.seeded(4)));

            assertSame(frozen, runtime.time());
            assertSame(breaker, runtime.targets().get(0).breaker(), "state stays");
            assertNotSame(plans, runtime.plans().generation(), "plans are built again, on the new clock");
        }
        assertSame(before, runtime.time());
    }

    @Test
    void reset_forgetsStateAndTheInstalledConfiguration_keepsTimeAndFaults() {
        ExecutorTest.Clock clock = new ExecutorTest.Clock();
        FaultInjector faults = (method, endpoint) -> { };
        try (LlmRuntime.Installation run = runtime.install(clock, RandomSource.seeded(1), oneapi()).faults(faults)) {
            var breaker = runtime.targets().get(0).breaker();

            run.reset();

            assertEquals(java.util.Set.of("iag"), runtime.config().endpoints().keySet(), "the file again, as after a restart");
            assertNotSame(breaker, runtime.targets().get(0).breaker());
            assertSame(clock, runtime.time());
            assertSame(faults, runtime.faultInjector());
        }
    }

    @Test
    void installThatFails_leavesTimeAsItWas_andForgetsWhatItPutInForce() {
        var before = runtime.time();
        runtime.useConfig(oneapi());
        var breaker = runtime.targets().get(0).breaker();
        LlmRetryConfig noStoreModule = ConfigLoader.parse("test retry.yaml",
                "health: { store: redis, redis-uri: \"redis://cache.internal:6379\" }\n", v -> null);

        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> runtime.install(new ExecutorTest.Clock(), RandomSource.seeded(1), noStoreModule));

        assertTrue(e.getMessage().contains("redis"), e.getMessage());
        assertSame(before, runtime.time(), "nothing installed");
        assertEquals(java.util.Set.of("iag"), runtime.config().endpoints().keySet(), "state forgotten: the file again");
        assertNotSame(breaker, runtime.targets().get(0).breaker());
    }
}
