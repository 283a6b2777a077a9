package dev.llmretry.it;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The harness's faults injected into woven code, in every result shape and both weaving modes. */
class HarnessScenariosTest extends WovenTestBase {
    final ShapedChatService shaped = new ShapedChatService(backend);

    @ParameterizedTest
    @EnumSource(Shape.class)
    void injectedGatewayTimeouts_sameAttemptsWaitsAndEvents_inEveryShape(Shape shape) throws Exception {
        faults.on("iag").fail(504).times(3);

        assertEquals("answer from oneapi to q", shape.call(shaped, clock, "q"));

        recorded.assertThat().attempted("iag", "iag", "iag", "oneapi").waited(ofSeconds(1), ofSeconds(2))
                .circuitOpened("iag").failedOver("iag", "oneapi").succeededOn("oneapi");
        assertEquals(List.of("oneapi"), backend.calls(), "faults fire before the body: only oneapi's body ran");
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void rateLimitedThenQuota_waitsRetryAfter_thenFailsOver(Shape shape) throws Exception {
        faults.on("iag").rateLimited(ofSeconds(5)).then().quotaExhausted();

        assertEquals("answer from oneapi to q", shape.call(shaped, clock, "q"));

        recorded.assertThat().attempted("iag", "iag", "oneapi").waited(ofSeconds(5)).failedOver("iag", "oneapi");
        assertEquals("quota_exhausted", recorded.failovers().get(0).reason());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void timeoutThenLatency_retriedOnIag_clockMovedByBoth(Shape shape) throws Exception {
        faults.on("iag").timeout().then().latency(Duration.ofSeconds(30));

        assertEquals("answer from iag to q", shape.call(shaped, clock, "q"));

        recorded.assertThat().attempted("iag", "iag").waited(ofSeconds(1)).succeededOn("iag");
        assertEquals(ofSeconds(31), clock.elapsed());
    }

    @Test
    void timeoutsOnAMethodWithoutFailover_retriedThenExhausted() {
        faults.onMethod(ChatService.class, "ask").timeout().always();

        assertThrows(java.net.http.HttpTimeoutException.class, () -> service.ask("q"));

        recorded.assertThat().attempted("ChatService#ask", "ChatService#ask", "ChatService#ask", "ChatService#ask")
                .waited(ofSeconds(1), ofSeconds(2), ofSeconds(4)).exhausted();
        assertEquals(List.of(), backend.calls());
    }

    @Test
    void openCircuit_probedAfterRecoveryTime_onTheVirtualClock() throws Exception {
        faults.on("iag").fail(503).times(3);
        service.chat("first", null);
        recorded.clear();

        clock.advance(Duration.ofSeconds(120));
        assertEquals("answer from iag to probe", service.chat("probe", null));

        recorded.assertThat().attempted("iag").circuitClosed("iag").succeededOn("iag");
        assertEquals(dev.llmretry.health.HealthState.HEALTHY, LlmResilience.health().endpoint("iag").state());
    }

    @Test
    void failingStatus_looksRealToTheCaller() {
        faults.on("iag").fail(401);
        faults.on("oneapi").fail(400);

        LlmHttpException e = assertThrows(LlmHttpException.class, () -> service.chat("q", null));

        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("400 Bad Request"), e.getMessage());
        recorded.assertThat().attempted("iag", "oneapi").failedOver("iag", "oneapi").neverWaited();
    }
}
