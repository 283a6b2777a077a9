package dev.llmretry.testing;

import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.StreamIncomplete;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Everything that happened in protected calls during one test, in order: every attempt (seen by the fault injector
 * just before the body runs) and every event the library emitted. Injected by {@code @LlmRetryTest}.
 *
 * <pre>{@code
 * service.chat("hi", null);
 * assertEquals(List.of("iag", "iag", "iag", "oneapi"), events.attemptedEndpoints());
 * events.assertThat().waited(ofSeconds(1), ofSeconds(2)).failedOver("iag", "oneapi").succeededOn("oneapi");
 * String story = events.timeline();      // what happened, in virtual time
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RecordedEvents {
    private final VirtualClock clock;
    private final List<Object> entries = new ArrayList<>();
    private final LlmRetryListener listener = new Recorder();

    RecordedEvents(VirtualClock clock) {
        this.clock = clock;
    }

    /** Every event, in order. */
    public List<LlmRetryEvent> all() {
        return ofType(LlmRetryEvent.class);
    }

    /** The events of one kind, in order, e.g. {@code ofType(RetryScheduled.class)}. */
    public synchronized <T extends LlmRetryEvent> List<T> ofType(Class<T> type) {
        return entries.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every attempt, in order. */
    public synchronized List<RecordedAttempt> attempts() {
        return entries.stream().filter(RecordedAttempt.class::isInstance).map(RecordedAttempt.class::cast).toList();
    }

    /** The endpoint of every attempt, in order: {@code [iag, iag, iag, oneapi]}. */
    public List<String> attemptedEndpoints() {
        return attempts().stream().map(RecordedAttempt::endpoint).toList();
    }

    /** The wait before each retry, in order (the delays of {@link RetryScheduled} events; failovers do not wait). */
    public List<Duration> delays() {
        return retries().stream().map(RetryScheduled::delay).toList();
    }

    /** Retries scheduled. */
    public List<RetryScheduled> retries() {
        return ofType(RetryScheduled.class);
    }

    /** Failovers, in order. */
    public List<FailedOver> failovers() {
        return ofType(FailedOver.class);
    }

    /** Circuit state changes, in order. */
    public List<CircuitStateChanged> circuitTransitions() {
        return ofType(CircuitStateChanged.class);
    }

    /** Calls that returned a result. */
    public List<CallSucceeded> successes() {
        return ofType(CallSucceeded.class);
    }

    /** Calls that gave up. */
    public List<CallExhausted> exhaustions() {
        return ofType(CallExhausted.class);
    }

    /** Streams cut after delivering elements. */
    public List<StreamIncomplete> incompleteStreams() {
        return ofType(StreamIncomplete.class);
    }

    /**
     * How the last call ended: its {@link CallSucceeded}, {@link CallExhausted} or {@code CallAborted}.
     *
     * @throws AssertionFailedError when no call has ended yet (the message shows the timeline)
     */
    public synchronized LlmRetryEvent outcome() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) instanceof CallSucceeded || entries.get(i) instanceof CallExhausted
                    || entries.get(i) instanceof dev.llmretry.event.CallAborted) {
                return (LlmRetryEvent) entries.get(i);
            }
        }
        throw new AssertionFailedError("No protected call has ended yet.\n\nTimeline:\n" + timeline());
    }

    /** The events of one call (a retried or failed-over call keeps one id across its events). */
    public List<LlmRetryEvent> byCall(long callId) {
        return all().stream().filter(e -> e.callId() == callId).toList();
    }

    /** The ids of the calls seen, in order of their first event. */
    public List<Long> callIds() {
        return all().stream().map(LlmRetryEvent::callId).filter(id -> id != 0).distinct().toList();
    }

    /** Forgets everything recorded so far (e.g. after a warm-up call). */
    public synchronized void clear() {
        entries.clear();
    }

    /** Fluent assertions over what was recorded; failures show the {@link #timeline()}. */
    public EventAssert assertThat() {
        return new EventAssert(this);
    }

    /** One line per attempt and event, in virtual time: what the assertion messages show. */
    public synchronized String timeline() {
        return Timeline.render(List.copyOf(entries));
    }

    @Override
    public String toString() {
        return "RecordedEvents\n" + timeline();
    }

    synchronized void attempt(String method, String endpoint) {
        entries.add(new RecordedAttempt(method, endpoint, clock.now()));
    }

    private synchronized void record(LlmRetryEvent event) {
        entries.add(event);
    }

    LlmRetryListener listener() {
        return listener;
    }

    private final class Recorder implements LlmRetryListener {
        @Override public void onRetryScheduled(RetryScheduled e) { record(e); }
        @Override public void onFailover(FailedOver e) { record(e); }
        @Override public void onCircuitStateChange(CircuitStateChanged e) { record(e); }
        @Override public void onStreamIncomplete(StreamIncomplete e) { record(e); }
        @Override public void onSuccess(CallSucceeded e) { record(e); }
        @Override public void onExhausted(CallExhausted e) { record(e); }
        @Override public void onAborted(dev.llmretry.event.CallAborted e) { record(e); }
    }
}
