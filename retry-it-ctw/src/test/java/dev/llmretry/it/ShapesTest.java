package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.event.StreamIncomplete;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The same scenarios through sync, async, Stream and Flow.Publisher results: identical calls, waits and events. */
class ShapesTest extends WovenTestBase {
    final ShapedChatService shaped = new ShapedChatService(backend);

    static LlmHttpException status(int code) {
        return new LlmHttpException(code, Map.of(), "");
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void seedsOutage_retriesTwice_circuitOpens_failsOverToOneapi(Shape shape) throws Exception {
        backend.script("iag", status(504), status(504), status(504));

        assertEquals("answer from oneapi to q", shape.call(shaped, clock, "q"));

        assertEquals(List.of("iag", "iag", "iag", "oneapi"), backend.calls());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertEquals(List.of("RetryScheduled", "RetryScheduled", "CircuitStateChanged", "FailedOver", "CallSucceeded"),
                eventKinds());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void badRequest_failsAtOnce_unwrapped(Shape shape) {
        LlmHttpException bad = status(400);
        backend.script("iag", bad);

        Exception thrown = assertThrows(Exception.class, () -> shape.call(shaped, clock, "q"));

        assertSame(bad, thrown);
        assertEquals(List.of("iag"), backend.calls());
        assertEquals(List.of(), clock.waits());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void everyEndpointKeepsFailing_lastFailureWithEarlierSuppressed(Shape shape) {
        for (String ep : List.of("iag", "oneapi", "litellm")) backend.script(ep, status(503), status(503), status(503));

        LlmHttpException thrown = assertThrows(LlmHttpException.class, () -> shape.call(shaped, clock, "q"));

        assertEquals(6, backend.calls().size(), "max-attempts 6 counts across endpoints");
        assertEquals(5, thrown.getSuppressed().length);
        assertTrue(eventKinds().contains("CallExhausted"));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void allCircuitsOpen_failsFast_withEndpointsUnavailable(Shape shape) {
        for (String ep : List.of("iag", "oneapi", "litellm")) {
            backend.script(ep, status(503), status(503), status(503), status(503));
        }
        assertThrows(LlmHttpException.class, () -> Shape.SYNC.call(shaped, clock, "q"));
        assertThrows(LlmHttpException.class, () -> Shape.SYNC.call(shaped, clock, "q"));
        for (int probe = 0; probe < 2; probe++) { // one last-resort probe per endpoint opened over half a second ago
            assertThrows(LlmHttpException.class, () -> Shape.SYNC.call(shaped, clock, "q"));
        }
        int sent = backend.calls().size();

        assertThrows(EndpointsUnavailableException.class, () -> shape.call(shaped, clock, "q"));
        assertEquals(sent, backend.calls().size());
    }

    @Test
    void streamCutAfterFirstChunks_failureReachesConsumer_neverReplayed() throws Exception {
        Iterator<String> words = shaped.cutStream("one two three four", 2, null);
        List<String> seen = new ArrayList<>();
        UncheckedIOException cut = assertThrows(UncheckedIOException.class, () -> words.forEachRemaining(seen::add));

        assertEquals(List.of("answer", "from"), seen);
        assertEquals("stream cut by iag", cut.getCause().getMessage());
        assertEquals(List.of("iag"), backend.calls(), "a started stream is never retried");
        StreamIncomplete incomplete = (StreamIncomplete) events.stream().filter(StreamIncomplete.class::isInstance)
                .findFirst().orElseThrow();
        assertEquals(2, incomplete.elementsDelivered());
        assertEquals("iag", incomplete.endpoint());
    }
}
