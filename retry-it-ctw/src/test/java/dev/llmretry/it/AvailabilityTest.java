package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.RetryScheduled;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §5's availability rules through a woven {@code @LlmRetry @Failover} method: a flaky endpoint is not isolated
 * but the call moves on; the retry budget turns retries into failovers; a total outage is probed, not waited out.
 */
class AvailabilityTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final ScriptedBackend backend = new ScriptedBackend();
    final ChatService service = new ChatService(backend);

    /** A retry budget of 10% of the endpoint's requests, with no floor. */
    static final String TIGHT_BUDGET = """
            circuit-breaker:
              default: { retry-budget: 10%, min-retries-per-second: 0 }
            endpoints:
              iag:     { url: "https://iag.example/v1" }
              oneapi:  { url: "https://oneapi.example/v1" }
              litellm: { url: "https://litellm.example/v1" }
            """;

    static LlmHttpException status(int code) {
        return new LlmHttpException(code, Map.of(), "{\"error\":{\"message\":\"fake " + code + "\"}}");
    }

    void answerSuccessfully(int calls) throws Exception {
        for (int i = 0; i < calls; i++) service.chat("warm-up", null);
    }

    @Test
    void flakyEndpoint_threeFailuresInOneCall_circuitStaysClosed_butTheCallMovesOn() throws Exception {
        answerSuccessfully(10); // iag answered 10 of 13: far below a 50% failure rate
        backend.script("iag", status(503), status(503), status(503));

        String answer = service.chat("q", null);

        assertEquals("answer from oneapi to q", answer);
        assertEquals(List.of("iag", "iag", "iag", "oneapi"), backend.calls().subList(10, 14));
        assertEquals(List.of(), fresh.events(CircuitStateChanged.class), "noise does not isolate iag");
        assertEquals("endpoint_failing", fresh.events(FailedOver.class).get(0).reason());
        assertTrue(List.of(dev.llmretry.health.HealthState.HEALTHY, dev.llmretry.health.HealthState.DEGRADED).contains(LlmResilience.health().endpoint("iag").state()));

        service.chat("next", null);
        assertEquals("iag", backend.calls().get(14), "later calls still go to iag first");
    }

    @Test
    void seedsScenario_unchanged_threeGatewayTimeoutsOpenTheCircuitAndFailOver() throws Exception {
        backend.script("iag", status(504), status(504), status(504));

        service.chat("q", null);

        assertEquals(List.of("iag", "iag", "iag", "oneapi"), backend.calls());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), fresh.clock.waits());
        assertEquals("circuit_open", fresh.events(FailedOver.class).get(0).reason());
        assertEquals(1, fresh.events(CircuitStateChanged.class).size());
    }

    @Test
    void retryBudgetSpent_retryBecomesFailover_andTheLogSaysWhy() throws Exception {
        fresh.useYaml(TIGHT_BUDGET);
        answerSuccessfully(9); // 10 requests with the next one: one retry allowed
        backend.script("iag", status(503), status(503));

        String log = ListenerAndLoggingTest.captureStderr(() -> assertEquals("answer from oneapi to q", service.chat("q", null)));

        assertTrue(log.contains("WARN dev.llmretry - Retry budget of iag spent (1 retry in the last 60s); not retrying there"),
                log);

        assertEquals(List.of("iag", "iag", "oneapi"), backend.calls().subList(9, 12));
        assertEquals(1, fresh.events(RetryScheduled.class).size());
        assertEquals("retry_budget", fresh.events(FailedOver.class).get(0).reason());
    }

    @Test
    void retryBudgetSpent_andNoOtherEndpoint_endsTheCallWithItsLastFailure() throws Exception {
        fresh.useYaml(TIGHT_BUDGET);
        answerSuccessfully(9);
        backend.script("iag", status(503), status(503));
        backend.script("oneapi", status(503));
        backend.script("litellm", status(502));

        LlmHttpException e = assertThrows(LlmHttpException.class, () -> service.chat("q", null));

        assertEquals(502, e.status(), "the last failure, the earlier ones suppressed");
        assertEquals(3, e.getSuppressed().length);
        assertEquals(dev.llmretry.event.CallExhausted.Reason.RETRY_BUDGET, fresh.events(CallExhausted.class).get(0).why());
        assertEquals(List.of("iag", "iag", "oneapi", "litellm"), backend.calls().subList(9, 13));
    }

    @Test
    void totalOutage_endpointBack_noticedByALastResortProbeWithinASecond_notAfterRecoveryTime() throws Exception {
        fresh.useYaml("""
                circuit-breaker:
                  default: { failure-threshold: 3, recovery-time: 120s, success-threshold: 2 }
                endpoints:
                  iag:     { url: "https://iag.example/v1" }
                  oneapi:  { url: "https://oneapi.example/v1" }
                  litellm: { url: "https://litellm.example/v1" }
                """);
        for (String ep : List.of("iag", "oneapi", "litellm")) {
            backend.script(ep, status(503), status(503), status(503));
        }
        assertThrows(LlmHttpException.class, () -> service.chat("q", null));
        assertThrows(LlmHttpException.class, () -> service.chat("q", null)); // every circuit open, 120 s each
        fresh.clock.advance(Duration.ofMillis(500)); // the endpoints are back (their scripts are used up)

        assertEquals("answer from iag to q", service.chat("q", null), "a probe to the endpoint due soonest");

        List<String> changes = fresh.events(CircuitStateChanged.class).stream()
                .map(c -> c.breaker() + " " + c.from() + "->" + c.to()).toList();
        assertEquals("iag OPEN->CLOSED", changes.get(3), "one answer after a total outage brings iag back");
        assertEquals("answer from iag to q2", service.chat("q2", null));
        assertEquals(5, backend.calls().stream().filter("iag"::equals).count(), "3 failures, the probe, q2");
    }
}
