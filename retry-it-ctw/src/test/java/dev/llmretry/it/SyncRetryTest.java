package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.event.RetryScheduled;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** @LlmRetry on synchronous methods, woven (compile-time in retry-it-ctw, load-time in retry-it-ltw). */
class SyncRetryTest extends WovenTestBase {

    static LlmHttpException status(int code) {
        return new LlmHttpException(code, Map.of(), "{\"error\":{\"message\":\"scripted\",\"code\":null}}");
    }

    @Test
    void twoGatewayTimeouts_retriedWithExponentialBackoff_thenAnswered() throws Exception {
        backend.script("ask", status(504), status(504));

        assertEquals("answer from ask to hi", service.ask("hi"));

        assertEquals(List.of("ask", "ask", "ask"), backend.calls());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        List<RetryScheduled> retries = events.stream().filter(RetryScheduled.class::isInstance)
                .map(RetryScheduled.class::cast).toList();
        assertEquals(2, retries.size());
        assertEquals(1, retries.get(0).attempt());
        assertEquals(4, retries.get(0).maxAttempts());
        assertEquals("504 Gateway Timeout", retries.get(0).causeSummary().substring(0, 19));
        assertEquals(clock.now(), retries.get(1).nextAttemptAt());
    }

    @Test
    void badRequest_abortsAtOnce_withoutRetryOrWait() {
        LlmHttpException badRequest = status(400);
        backend.script("ask", badRequest);

        LlmHttpException thrown = assertThrows(LlmHttpException.class, () -> service.ask("hi"));

        assertSame(badRequest, thrown);
        assertEquals(0, thrown.getSuppressed().length);
        assertEquals(List.of("ask"), backend.calls());
        assertEquals(List.of(), clock.waits());
    }

    @Test
    void everyAttemptFails_lastFailureRethrown_earlierOnesSuppressed() {
        LlmHttpException last = status(503);
        backend.script("ask", status(500), status(502), new ConnectException("Connection refused"), last);

        LlmHttpException thrown = assertThrows(LlmHttpException.class, () -> service.ask("hi"));

        assertSame(last, thrown);
        assertEquals(3, thrown.getSuppressed().length);
        assertEquals(4, backend.calls().size());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), clock.waits());
        assertTrue(eventKinds().contains("CallExhausted"));
    }

    @Test
    void declaredCheckedException_reachesCallerUnchanged() {
        IOException reset = new IOException("Connection reset");
        backend.script("fetch", new IOException("stale connection"), new IOException("again"), reset);

        IOException thrown = assertThrows(IOException.class, () -> service.fetch("q"));

        assertSame(reset, thrown);
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), clock.waits());
    }

    @Test
    void waitThatWouldPassTheDeadline_isNeverStarted() {
        // max-duration 2.5s: waits 1s then 2s would end at 3s, so the call stops after the second attempt
        backend.script("deadline", status(503), status(503), status(503));

        assertThrows(LlmHttpException.class, () -> service.withDeadline("q"));

        assertEquals(2, backend.calls().size());
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waits());
    }

    @Test
    void interruptDuringWait_stopsRetrying_restoresFlag_rethrowsLastFailure() {
        LlmHttpException first = status(503);
        backend.script("ask", first);
        Thread.currentThread().interrupt();

        LlmHttpException thrown = assertThrows(LlmHttpException.class, () -> service.ask("q"));

        assertTrue(Thread.interrupted(), "the interrupt flag must be restored");
        assertSame(first, thrown);
        assertEquals(InterruptedException.class, thrown.getSuppressed()[0].getClass());
        assertEquals(1, backend.calls().size());
    }

    @Test
    void abortOnWinsOverTable_retryOnAddsToIt() throws Exception {
        backend.script("custom", new ExecutionException("wrapped", null), new IllegalStateException("stop"));

        assertThrows(IllegalStateException.class, () -> service.custom("q"));

        assertEquals(List.of("custom", "custom"), backend.calls());
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waits());
    }

    @Test
    void programmingError_isNeverRetried() {
        backend.script("ask", new NullPointerException("bug"));

        assertThrows(NullPointerException.class, () -> service.ask("q"));

        assertEquals(1, backend.calls().size());
    }

    @Test
    void primitiveResult_passesThroughTheAdvice() throws Exception {
        backend.script("count", status(502));

        assertEquals("answer from count to abc".length(), service.count("abc"));
        assertEquals(List.of(Duration.ofMillis(100)), clock.waits());
    }

    @Test
    void annotationOnType_protectsItsPublicMethods() throws Exception {
        TypeLevelService typeLevel = new TypeLevelService(backend);
        backend.script("type", status(504));

        assertEquals("answer from type to q", typeLevel.first("q"));
        assertArrayEquals(new Object[] {Duration.ofSeconds(2)}, clock.waits().toArray());
    }
}
