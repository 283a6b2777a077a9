package dev.llmretry.testing;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Each kind of fault, injected into calls driven through the real executor, looks real to the classifier. */
@LlmRetryTest
class FaultsTest {

    @Test
    void threeGatewayTimeouts_circuitOpens_failsOverToOneapi(Faults faults, RecordedEvents events) {
        faults.on("iag").fail(504).times(3);

        assertEquals("answer from oneapi", Driver.chat());

        events.assertThat().attempted("iag", "iag", "iag", "oneapi").waited(ofSeconds(1), ofSeconds(2))
                .circuitOpened("iag").failedOver("iag", "oneapi").succeededOn("oneapi");
    }

    @Test
    void failStatus_throwsLlmHttpException_withProviderBodyAndReason(Faults faults, RecordedEvents events) {
        faults.onMethod(DrivenMethods.class, "ask").fail(503).always();

        LlmHttpException e = assertThrows(LlmHttpException.class, () -> Driver.ask(q -> "never"));

        assertEquals(503, e.status());
        assertTrue(e.getMessage().startsWith("503 Service Unavailable"), e.getMessage());
        assertTrue(e.body().contains("\"type\":\"server_error\""), e.body());
        assertEquals(3, e.getSuppressed().length, "four attempts: the last failure carries three earlier ones");
        assertNotSame(e, e.getSuppressed()[0]);
        events.assertThat().waited(ofSeconds(1), ofSeconds(2), ofSeconds(4)).exhausted();
    }

    @Test
    void rateLimited_waitsTheServersRetryAfter_notTheShorterBackoff(Faults faults, RecordedEvents events) {
        faults.on("iag").rateLimited(ofSeconds(7));

        assertEquals("answer from iag", Driver.chat());

        events.assertThat().attempted("iag", "iag").waited(ofSeconds(7)).neverFailedOver();
    }

    @Test
    void rateLimited_carriesBothRetryAfterHeaders() {
        LlmHttpException e = FaultErrors.rateLimited(Duration.ofMillis(1500));

        assertEquals(429, e.status());
        assertEquals("2", e.header("retry-after"));
        assertEquals("1500", e.header("retry-after-ms"));
    }

    @Test
    void quotaExhausted_failsOverAtOnce_withoutWaiting(Faults faults, RecordedEvents events) {
        faults.on("iag").quotaExhausted();

        assertEquals("answer from oneapi", Driver.chat());

        events.assertThat().attempted("iag", "oneapi").neverWaited().failedOver("iag", "oneapi");
        assertEquals("quota_exhausted", events.failovers().get(0).reason());
    }

    @Test
    void timeout_isAnHttpTimeoutException_andRetried(Faults faults, RecordedEvents events) {
        faults.on("iag").timeout();

        assertEquals("answer from iag", Driver.chat());

        events.assertThat().attempted("iag", "iag").waited(ofSeconds(1));
        assertInstanceOf(HttpTimeoutException.class, events.retries().get(0).cause());
    }

    @Test
    void latency_movesVirtualTime_thenTheRealBodyRuns(Faults faults, RecordedEvents events, VirtualClock clock) {
        faults.on("iag").latency(Duration.ofMinutes(3));

        assertEquals("answer from iag", Driver.chat());

        assertEquals(Duration.ofMinutes(3), clock.elapsed());
        events.assertThat().attempted("iag").neverWaited().succeededOn("iag");
    }

    @Test
    void sequence_failuresThenRateLimit_thenTheBodyAnswers(Faults faults, RecordedEvents events) {
        faults.onMethod(DrivenMethods.class, "ask").fail(500).times(2).then().rateLimited(ofSeconds(5));

        assertEquals("real", Driver.ask(e -> "real"));

        events.assertThat().waited(ofSeconds(1), ofSeconds(2), ofSeconds(5)).retried(3);
        assertEquals(List.of("DrivenMethods#ask", "DrivenMethods#ask", "DrivenMethods#ask", "DrivenMethods#ask"),
                events.attemptedEndpoints());
    }

    @Test
    void methodScript_winsOverEndpointScript_whileItHasFaultsLeft(Faults faults, RecordedEvents events) {
        faults.onMethod(DrivenMethods.class.getName() + "#chat").quotaExhausted();
        faults.on("oneapi").fail(502);

        assertEquals("answer from oneapi", Driver.chat());

        events.assertThat().attempted("iag", "oneapi", "oneapi").failedOver("iag", "oneapi").waited(ofSeconds(1));
    }

    @Test
    void failWithInstance_firstFiringIsTheInstance_laterOnesFreshCopies(Faults faults) {
        ConnectException refused = new ConnectException("Connection refused");
        faults.onMethod(DrivenMethods.class, "ask").fail(refused).always();

        ConnectException thrown = assertThrows(ConnectException.class, () -> Driver.ask(q -> "never"));

        assertNotSame(refused, thrown, "the last of four firings is a copy");
        assertEquals("Connection refused", thrown.getMessage());
        assertSame(refused, thrown.getSuppressed()[0], "the first firing is the instance itself");
        assertEquals(3, List.of(thrown.getSuppressed()).stream().distinct().count());
    }

    @Test
    void failWithSupplier_newFailureEachFiring(Faults faults, RecordedEvents events) {
        int[] n = {0};
        faults.onMethod(DrivenMethods.class, "ask").fail(() -> new IOException("reset " + ++n[0])).times(2);

        assertEquals("ok", Driver.ask(q -> "ok"));

        assertEquals(List.of("reset 1", "reset 2"),
                events.retries().stream().map(r -> r.cause().getMessage()).toList());
    }

    @Test
    void failWithProbability_sameSeed_failsTheSameAttempts() {
        assertEquals(pattern(0.3, 11), pattern(0.3, 11));
        long failures = pattern(0.3, 11).stream().filter(f -> f).count();
        assertTrue(failures > 15 && failures < 45, "about 30 of 100, was " + failures);
    }

    private static List<Boolean> pattern(double p, long seed) {
        VirtualClock clock = new VirtualClock();
        Faults faults = new Faults(clock, new RecordedEvents(clock));
        faults.on("iag").failWithProbability(p, seed);
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            try {
                faults.injector().beforeAttempt("m#x", "iag");
                failed.add(false);
            } catch (Throwable t) {
                failed.add(true);
            }
        }
        return failed;
    }

    @Test
    void checkedFaultOnAMethodThatCannotThrowIt_failsTheCall_explainingTheFix(Faults faults) {
        faults.onMethod(DrivenMethods.class, "strict").timeout();

        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Driver.call("strict", q -> "never"));

        assertTrue(e.getMessage().startsWith("The fault timeout() throws the checked java.net.http.HttpTimeoutException, "
                + "which dev.llmretry.testing.DrivenMethods#strict does not declare"), e.getMessage());
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
    }

    @Test
    void unknownMethodName_isRejected_listingTheDeclaredOnes(Faults faults) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> faults.onMethod(DrivenMethods.class, "aks"));
        assertTrue(e.getMessage().contains("[ask, chat, strict]"), e.getMessage());
    }

    @Test
    void stepAfterAlways_isRejected(Faults faults) {
        FaultStep always = faults.on("iag").fail(503).always().lenient();
        IllegalStateException e = assertThrows(IllegalStateException.class, always::then);
        assertTrue(e.getMessage().contains("fail(503).always()"), e.getMessage());
    }
}
