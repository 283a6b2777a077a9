package dev.llmretry.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmretry.LlmResilience;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.internal.exec.TargetView;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * After a storm: probes each endpoint through {@code probes} until every circuit is closed again. A trial slot that
 * leaked (with {@code half-open-max-calls: 1}) keeps its circuit from ever closing, so this fails.
 */
final class CircuitProbes {
    private CircuitProbes() {
    }

    /** {@code probes}' upstream must answer by now. */
    static void assertEveryCircuitStillCloses(StormService probes) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25)).untilAsserted(() -> {
            probe(() -> probes.probeIag(null));
            probe(() -> probes.probeOneapi(null));
            probe(() -> probes.probeLitellm(null));
            for (TargetView t : LlmRuntime.get().targets()) {
                assertEquals(CircuitState.CLOSED, t.breaker().state(), t.name() + " closes again: " + LlmResilience.health());
            }
        });
    }

    /**
     * Every permit a breaker handed out has an outcome (success, failure, abort) or was given back: a leak would make
     * the availability rule wait for outcomes that never come before isolating an endpoint (issue 13).
     */
    static void assertNothingInFlight() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25)).untilAsserted(() -> {
            for (TargetView t : LlmRuntime.get().targets()) {
                assertEquals(0, t.breaker().inFlight(), t.name() + ": permits without an outcome");
            }
        });
    }

    private static void probe(Callable<String> call) {
        try {
            call.call();
        } catch (Exception ignored) {
            // still open or half-open: the next poll tries again
        }
    }
}
