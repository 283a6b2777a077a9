package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.RetryScheduled;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** @Failover with per-endpoint circuit breakers, woven; the seeds' scenario exactly as SPEC §5 writes it. */
class FailoverTest extends WovenTestBase {

    static LlmHttpException status(int code) {
        return new LlmHttpException(code, Map.of(), "");
    }

    @Test
    void threeGatewayTimeouts_circuitOpens_failsOverToOneapi() throws Exception {
        backend.script("iag", status(504), status(504), status(504));

        assertEquals("answer from oneapi to q", service.chat("q", null));

        assertEquals(List.of("iag", "iag", "iag", "oneapi"), backend.calls());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertEquals(List.of("RetryScheduled", "RetryScheduled", "CircuitStateChanged", "FailedOver", "CallSucceeded"),
                eventKinds());
        assertEquals(1, ((RetryScheduled) events.get(0)).attempt());
        assertEquals(2, ((RetryScheduled) events.get(1)).attempt());
        CircuitStateChanged open = (CircuitStateChanged) events.get(2);
        assertEquals("iag", open.breaker());
        assertEquals(CircuitState.OPEN, open.to());
        FailedOver failover = (FailedOver) events.get(3);
        assertEquals("iag", failover.from());
        assertEquals("oneapi", failover.to());
        CallSucceeded success = (CallSucceeded) events.get(4);
        assertEquals("oneapi", success.endpoint());
        assertEquals(4, success.attempts());
        assertTrue(success.failedOver());
        long callId = events.get(0).callId();
        assertTrue(events.stream().allMatch(e -> e.callId() == callId), "one call id groups the call's events");
    }

    @Test
    void openCircuit_laterCallsSkipIag_withoutWaiting_untilRecoveryTime_thenOneProbe() throws Exception {
        backend.script("iag", status(504), status(504), status(504));
        service.chat("first", null);
        int sleepsAfterFirst = clock.waits().size();

        assertEquals("answer from oneapi to second", service.chat("second", null));
        clock.advance(Duration.ofSeconds(119));
        assertEquals("answer from oneapi to third", service.chat("third", null));
        assertEquals(List.of("iag", "iag", "iag", "oneapi", "oneapi", "oneapi"), backend.calls());
        assertEquals(sleepsAfterFirst, clock.waits().size(), "no added wait once the circuit is open");
        assertEquals(dev.llmretry.health.HealthState.CIRCUIT_OPEN, LlmResilience.health().endpoint("iag").state());

        clock.advance(Duration.ofSeconds(1));
        assertEquals("answer from iag to probe", service.chat("probe", null));
        assertEquals("iag", backend.calls().get(6));
        assertEquals(dev.llmretry.health.HealthState.HEALTHY, LlmResilience.health().endpoint("iag").state());
    }

    @Test
    void quotaExhausted_failsOverAtOnce_withoutRetrying() throws Exception {
        backend.script("iag", new LlmHttpException(429, Map.of(),
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\","
                        + "\"code\":\"insufficient_quota\"}}"));

        assertEquals("answer from oneapi to q", service.chat("q", null));

        assertEquals(List.of("iag", "oneapi"), backend.calls());
        assertEquals(List.of(), clock.waits());
        assertEquals("quota_exhausted", ((FailedOver) events.get(0)).reason());
    }

    @Test
    void endpointParameterInTheMiddle_isInjected_andFailoverWithoutRetryTriesEachOnce() throws Exception {
        backend.script("iag", status(503));

        assertEquals("answer from oneapi to sys/q", service.middle("sys", null, "q"));

        assertEquals(List.of("iag", "oneapi"), backend.calls());
        assertEquals(List.of(), clock.waits(), "@Failover without @LlmRetry never waits");
    }

    @Test
    void everyCircuitOpen_oneLastResortProbePerEndpoint_thenEndpointsUnavailable_namingEachAndTheNextProbe() throws Exception {
        for (String ep : List.of("iag", "oneapi", "litellm")) {
            backend.script(ep, status(503), status(503), status(503), status(503));
        }
        assertThrows(LlmHttpException.class, () -> service.chat("q", null)); // iag and oneapi open (6 attempts)
        assertThrows(LlmHttpException.class, () -> service.chat("q", null)); // litellm opens
        int callsBefore = backend.calls().size();

        // every circuit is open: a call takes the probe slot of the endpoint due soonest that has one free (each
        // endpoint admits one last-resort probe per half second, the first half a second after it opened: litellm
        // opened just now); a probe is one request, and its failure ends the call
        for (int i = 0; i < 2; i++) assertThrows(LlmHttpException.class, () -> service.chat("probe", null));
        assertEquals(List.of("iag", "oneapi"), backend.calls().subList(callsBefore, backend.calls().size()));

        EndpointsUnavailableException e = assertThrows(EndpointsUnavailableException.class,
                () -> service.chat("q2", null));

        assertEquals(callsBefore + 2, backend.calls().size(), "nothing more is sent until a probe slot is free");
        assertTrue(e.getMessage().contains("iag open until"), e.getMessage());
        assertTrue(e.getMessage().contains("litellm open until"), e.getMessage());
        assertTrue(e.getMessage().contains("next probe at"), e.getMessage());
        assertEquals(3, e.endpoints().size());
    }
}
