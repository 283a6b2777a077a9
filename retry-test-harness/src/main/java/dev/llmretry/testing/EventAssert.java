package dev.llmretry.testing;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.LlmRetryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions over {@link RecordedEvents} that read like the scenario; every failure message shows the actual
 * timeline. Each method returns {@code this}, so a scenario is one statement.
 *
 * <pre>{@code
 * events.assertThat()
 *       .attempted("iag", "iag", "iag", "oneapi")
 *       .waited(ofSeconds(1), ofSeconds(2))
 *       .circuitOpened("iag")
 *       .failedOver("iag", "oneapi")
 *       .succeededOn("oneapi");
 * }</pre>
 *
 * <p>Not thread-safe; reads a snapshot of the recording at each call.
 */
public final class EventAssert {
    private final RecordedEvents events;

    EventAssert(RecordedEvents events) {
        this.events = events;
    }

    /** The attempts went to exactly these endpoints, in this order. */
    public EventAssert attempted(String... endpoints) {
        return equal("attempted endpoints", List.of(endpoints), events.attemptedEndpoints());
    }

    /** Exactly these waits came before retries, in order. */
    public EventAssert waited(Duration... delays) {
        return equal("waits before retries", List.of(delays), events.delays());
    }

    /** No retry waited (failovers never wait). */
    public EventAssert neverWaited() {
        return equal("waits before retries", List.of(), events.delays());
    }

    /** Some call failed over from {@code from} to {@code to}. */
    public EventAssert failedOver(String from, String to) {
        List<String> actual = events.failovers().stream().map(f -> f.from() + " -> " + f.to()).toList();
        if (!actual.contains(from + " -> " + to)) {
            fail("expected a failover " + from + " -> " + to + ", failovers were " + actual, from + " -> " + to, actual);
        }
        return this;
    }

    /** No call failed over. */
    public EventAssert neverFailedOver() {
        return equal("failovers", List.of(),
                events.failovers().stream().map(f -> f.from() + " -> " + f.to()).toList());
    }

    /** The circuit of {@code breaker} opened. */
    public EventAssert circuitOpened(String breaker) {
        return circuit(breaker, CircuitState.OPEN);
    }

    /** The circuit of {@code breaker} closed again (after a successful probe or a manual reset). */
    public EventAssert circuitClosed(String breaker) {
        return circuit(breaker, CircuitState.CLOSED);
    }

    /** The last call returned a result from {@code endpoint}. */
    public EventAssert succeededOn(String endpoint) {
        LlmRetryEvent outcome = events.outcome();
        if (!(outcome instanceof CallSucceeded s) || !s.endpoint().equals(endpoint)) {
            fail("expected the last call to succeed on " + endpoint + ", but it ended with " + outcome,
                    "success on " + endpoint, String.valueOf(outcome));
        }
        return this;
    }

    /** The last call gave up (retries, time or endpoints ran out). */
    public EventAssert exhausted() {
        LlmRetryEvent outcome = events.outcome();
        if (!(outcome instanceof CallExhausted)) {
            fail("expected the last call to give up, but it ended with " + outcome, "exhausted", String.valueOf(outcome));
        }
        return this;
    }

    /** Exactly {@code n} retries were scheduled. */
    public EventAssert retried(int n) {
        return equal("number of retries", n, events.retries().size());
    }

    private EventAssert circuit(String breaker, CircuitState to) {
        boolean seen = events.circuitTransitions().stream()
                .anyMatch(c -> c.breaker().equals(breaker) && c.to() == to);
        if (!seen) {
            List<String> actual = events.circuitTransitions().stream()
                    .map(c -> c.breaker() + " " + c.from() + " -> " + c.to()).toList();
            fail("expected the circuit of " + breaker + " to become " + to + ", transitions were " + actual,
                    breaker + " -> " + to, actual);
        }
        return this;
    }

    private EventAssert equal(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) fail(what + " expected: " + expected + " but was: " + actual, expected, actual);
        return this;
    }

    private void fail(String message, Object expected, Object actual) {
        throw new AssertionFailedError(message + "\n\nTimeline (virtual time):\n" + events.timeline(), expected, actual);
    }
}
