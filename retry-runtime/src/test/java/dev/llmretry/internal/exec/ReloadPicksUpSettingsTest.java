package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * reload() keeps its javadoc's promise, "methods pick up the new settings on their next call": the injected Endpoint
 * gets the new url, api-key and model (key rotation), priorities reorder the endpoints, and a named breaker gets
 * the new thresholds. Breaker state and health survive.
 */
class ReloadPicksUpSettingsTest {
    static class Service {
        @LlmRetry @Failover(endpoints = {"iag", "oneapi"}) public String chat(String q, Endpoint e) { return q; }
        @LlmRetry @LlmCircuitBreaker(name = "shared") public String named(String q) { return q; }
        @Failover(endpoints = {"iag", "oneapi"}) public String failoverOnly(String q, Endpoint e) { return q; }
    }

    static final Method CHAT = method("chat");
    static final Method NAMED = method("named");
    static final Method FAILOVER_ONLY = method("failoverOnly");

    static Method method(String name) {
        return Arrays.stream(Service.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    static LlmRetryConfig config(String iagKey, String iagModel, int iagPriority, int threshold) {
        return ConfigLoader.parse("test.yaml", """
                circuit-breaker:
                  default: { failure-threshold: %4$d, recovery-time: 120s }
                endpoints:
                  iag:    { url: "https://iag-%1$s.example/v1", model: %2$s, api-key: "%1$s", priority: %3$d }
                  oneapi: { url: "https://oneapi.example/v1", model: gpt-4o, priority: 2 }
                """.formatted(iagKey, iagModel, iagPriority, threshold), Map.<String, String>of()::get);
    }

    final AtomicReference<LlmRetryConfig> file = new AtomicReference<>(config("key-one-0001", "gpt-4o", 1, 5));
    final LlmRuntime rt = new LlmRuntime(file::get);

    Endpoint firstEndpoint(Method m) {
        MethodPlan plan = rt.plans().of(m);
        CallState call = plan.begin();
        try {
            return call.endpoint();
        } finally {
            call.abandon();
        }
    }

    List<String> order(Method m) {
        return Arrays.stream(rt.plans().of(m).targets).map(t -> t.name).toList();
    }

    @Test
    void rotatedKeyAndNewModel_reload_nextCallGetsThem() {
        Endpoint before = firstEndpoint(CHAT);
        assertEquals("key-one-0001", before.apiKey());

        file.set(config("key-two-0002", "gpt-4.1", 1, 5));
        rt.reload();

        Endpoint after = firstEndpoint(CHAT);
        assertEquals("iag", after.name());
        assertEquals("key-two-0002", after.apiKey());
        assertEquals("gpt-4.1", after.model());
        assertEquals("https://iag-key-two-0002.example/v1", after.url());
    }

    @Test
    void changedPriorities_reload_nextCallTriesTheNewFirst() {
        assertEquals(List.of("iag", "oneapi"), order(CHAT));

        file.set(config("key-one-0001", "gpt-4o", 3, 5));
        rt.reload();

        assertEquals(List.of("oneapi", "iag"), order(CHAT));
        assertEquals("oneapi", firstEndpoint(CHAT).name());
    }

    @Test
    void namedBreakerThreshold_lowered_reload_opensAtTheNewThreshold() {
        CircuitBreaker shared = rt.plans().of(NAMED).targets[0].breaker;
        assertEquals(5, shared.settings().failureThreshold());

        file.set(config("key-one-0001", "gpt-4o", 1, 2));
        rt.reload();
        MethodPlan plan = rt.plans().of(NAMED);

        assertSame(shared, plan.targets[0].breaker, "the same breaker: its state survives");
        shared.onFailure(shared.tryAcquire());
        shared.onFailure(shared.tryAcquire());
        assertEquals(CircuitState.OPEN, shared.state(), "opened after 2 failures, the new threshold");
    }

    @Test
    void endpointThreshold_lowered_reload_opensAtTheNewThreshold() {
        CircuitBreaker iag = rt.plans().of(CHAT).targets[0].breaker;

        file.set(config("key-one-0001", "gpt-4o", 1, 2));
        rt.reload();

        iag.onFailure(iag.tryAcquire());
        iag.onFailure(iag.tryAcquire());
        assertEquals(CircuitState.OPEN, iag.state(), "opened after 2 failures, the new threshold");
    }

    @Test
    void openCircuit_survivesAReloadThatRotatesTheKey() {
        CircuitBreaker iag = rt.plans().of(CHAT).targets[0].breaker;
        for (int i = 0; i < 5; i++) iag.onFailure(iag.tryAcquire());
        assertEquals(CircuitState.OPEN, iag.state());

        file.set(config("key-two-0002", "gpt-4o", 1, 5));
        rt.reload();

        MethodPlan plan = rt.plans().of(CHAT);
        assertSame(iag, plan.targets[0].breaker);
        assertEquals(CircuitState.OPEN, iag.state());
        assertEquals("oneapi", firstEndpoint(CHAT).name(), "iag is still skipped");
        assertEquals("key-two-0002", plan.targets[0].endpoint.apiKey(), "the same breaker guards the new key");
    }

    /**
     * A call in flight when a reload rotates its endpoint's key ends on the plan it started with. It used to learn
     * its endpoint through the breaker, which the reload had pointed at the new plan's endpoint: the call did not
     * find that endpoint among its own, marked another one tried and "failed over" to the endpoint that had just
     * failed.
     */
    @Test
    void reloadWhileAnAttemptRuns_itsFailure_failsOverAmongTheCallsOwnEndpoints() {
        file.set(config("key-one-0001", "gpt-4o", 3, 5)); // oneapi first, iag second
        rt.reload();
        MethodPlan plan = rt.plans().of(FAILOVER_ONLY);
        CircuitBreaker oneapi = plan.targets[0].breaker;
        for (int i = 0; i < 5; i++) oneapi.onFailure(oneapi.tryAcquire());
        assertEquals(CircuitState.OPEN, oneapi.state());
        Object permit = plan.enter(0);
        assertEquals("iag", plan.endpoint(permit).name(), "oneapi's circuit is open");

        file.set(config("key-two-0002", "gpt-4o", 3, 5)); // meanwhile the key is rotated
        rt.reload();

        java.io.IOException reset = new java.io.IOException("connection reset");
        java.io.IOException thrown = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> plan.failed(null, permit, plan.start(), 0, null, null, reset),
                "no endpoint left: oneapi is open and iag just failed");
        org.junit.jupiter.api.Assertions.assertSame(reset, thrown);
        assertEquals("key-two-0002", firstEndpoint(FAILOVER_ONLY).apiKey(), "the next call gets the new key");
    }
}
