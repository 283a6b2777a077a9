package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Breakers by name and by method, manual reset, failover strategies and failover.enabled, woven. */
class BreakerAndStrategyTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final ScriptedBackend backend = new ScriptedBackend();
    final BreakerService service = new BreakerService(backend);

    static LlmHttpException status(int code) {
        return new LlmHttpException(code, Map.of(), "");
    }

    @Test
    void sharedBreakerName_failuresOfOneMethod_openItForTheOther() {
        backend.script("billing", status(503), status(503));
        assertThrows(LlmHttpException.class, () -> service.invoice("a"));
        assertThrows(LlmHttpException.class, () -> service.invoice("b"));

        EndpointsUnavailableException e = assertThrows(EndpointsUnavailableException.class, () -> service.refund("c"));

        assertEquals(2, backend.calls().size(), "refund is refused without a call");
        assertTrue(e.getMessage().contains("billing open until"), e.getMessage());
        assertEquals(dev.llmretry.health.HealthState.CIRCUIT_OPEN, LlmResilience.health().endpoint("billing").state());
    }

    @Test
    void methodBreaker_opensAfterOneFailure_failsFast_untilRecoveryTime() throws Exception {
        backend.script("lonely", status(500));
        assertThrows(LlmHttpException.class, () -> service.lonely("a"));
        assertThrows(EndpointsUnavailableException.class, () -> service.lonely("b"));

        fresh.clock.advance(Duration.ofSeconds(10));

        assertEquals("answer from lonely to c", service.lonely("c"));
        assertEquals(2, backend.calls().size());
        // closed again, but the failure 10s ago is still in the 60s success-rate window
        assertEquals(dev.llmretry.health.HealthState.DEGRADED, LlmResilience.health().endpoint("dev.llmretry.it.BreakerService#lonely").state());
    }

    @Test
    void manualReset_closesTheCircuit_unknownNameListsKnownOnes() throws Exception {
        backend.script("billing", status(503), status(503));
        assertThrows(LlmHttpException.class, () -> service.invoice("a"));
        assertThrows(LlmHttpException.class, () -> service.invoice("b"));

        LlmResilience.reset("billing");

        assertEquals("answer from billing to c", service.refund("c"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LlmResilience.reset("biling"));
        assertTrue(unknown.getMessage().contains("billing"), unknown.getMessage());
    }

    @Test
    void abortClassFailures_neverOpenTheCircuit() {
        backend.script("billing", status(400), status(400), status(400));
        for (int i = 0; i < 3; i++) assertThrows(LlmHttpException.class, () -> service.invoice("bad"));
        assertEquals(dev.llmretry.health.HealthState.HEALTHY, LlmResilience.health().endpoint("billing").state());
    }

    @Test
    void roundRobin_startsEachCallAtTheNextEndpoint() throws Exception {
        for (int i = 0; i < 6; i++) service.roundRobin("q" + i, null);
        assertEquals(List.of("iag", "oneapi", "litellm", "iag", "oneapi", "litellm"), backend.calls());
    }

    @Test
    void successRate_prefersTheEndpointWithTheBestRecentRecord() throws Exception {
        backend.script("iag", status(503));
        assertEquals("answer from oneapi to a", service.bestRate("a", null));
        assertEquals("answer from oneapi to b", service.bestRate("b", null));
        assertEquals(List.of("iag", "oneapi", "oneapi"), backend.calls());
    }

    @Test
    void failoverDisabled_onlyTheFirstEndpointIsUsed() {
        fresh.useYaml("""
                endpoints:
                  iag: { url: "https://iag.example/v1" }
                  oneapi: { url: "https://oneapi.example/v1" }
                  litellm: { url: "https://litellm.example/v1" }
                circuit-breaker:
                  default: { failure-threshold: 10 }
                failover: { enabled: false }
                """);
        ChatService chat = new ChatService(backend);
        backend.script("iag", status(503), status(503), status(503), status(503), status(503), status(503));

        assertThrows(LlmHttpException.class, () -> chat.chat("q", null));

        assertEquals(List.of("iag", "iag", "iag", "iag", "iag", "iag"), backend.calls());
    }
}
