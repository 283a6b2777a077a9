package dev.llmretry.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.internal.exec.TargetView;
import dev.llmretry.testing.VirtualClock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deterministic reproduction of the trial-slot leak the cancellation storm found: an async call fails over to
 * an endpoint whose circuit is half-open (taking its only trial slot) and is cancelled before that attempt starts.
 * The slot must be given back, or the circuit stays half-open for ever and no call reaches the endpoint again.
 */
class CancelledFailoverTest {
    private LlmRuntime.Installation installation;
    static final String YAML = """
            circuit-breaker:
              default: { failure-threshold: 3, recovery-time: 1s, success-threshold: 1, half-open-max-calls: 1 }
            endpoints:
              iag:    { url: "https://iag.example/v1", priority: 1 }
              oneapi: { url: "https://oneapi.example/v1", priority: 2 }
            """;

    final VirtualClock clock = new VirtualClock();
    final GatedService service = new GatedService();
    final AtomicReference<CompletableFuture<String>> callToCancel = new AtomicReference<>();
    final LlmRetryListener cancelOnFailover = new LlmRetryListener() {
        @Override public void onFailover(FailedOver e) {
            CompletableFuture<String> f = callToCancel.getAndSet(null);
            if (f != null) f.cancel(true); // the caller gives up right after the failover took oneapi's permit
        }
    };

    @BeforeEach
    void virtualTime() {
        installation = LlmRuntime.get().install(clock, RandomSource.seeded(1),
                ConfigLoader.parse("leak retry.yaml", YAML, v -> null));
        LlmResilience.addListener(cancelOnFailover);
    }

    @AfterEach
    void restore() {
        LlmResilience.removeListener(cancelOnFailover);
        installation.close();
    }

    @Test
    void asyncCallCancelledRightAfterFailingOverToHalfOpenEndpoint_trialSlotGivenBack_circuitCloses() {
        breaker("oneapi").forceOpenUntil(clock.nanoTime()); // open, and due for its trial call
        CompletableFuture<String> iagAttempt = new CompletableFuture<>();
        service.onAttempt(endpoint -> endpoint.equals("iag") ? iagAttempt : CompletableFuture.completedFuture("ok"));

        CompletableFuture<String> cancelled = service.ask("q", null);
        callToCancel.set(cancelled);
        iagAttempt.completeExceptionally(new LlmHttpException(401, Map.of(), "")); // FAILOVER: takes oneapi's slot
        assertTrue(cancelled.isCancelled());

        service.onAttempt(endpoint -> endpoint.equals("iag")
                ? CompletableFuture.failedFuture(new LlmHttpException(401, Map.of(), ""))
                : CompletableFuture.completedFuture("ok from oneapi"));
        assertEquals("ok from oneapi", service.ask("probe", null).join(), "the trial slot is free again");
        assertEquals(CircuitState.CLOSED, breaker("oneapi").state());
    }

    private static dev.llmretry.internal.breaker.CircuitBreaker breaker(String name) {
        return LlmRuntime.get().targets().stream().filter(t -> t.name().equals(name)).findFirst()
                .map(TargetView::breaker).orElseThrow();
    }
}
