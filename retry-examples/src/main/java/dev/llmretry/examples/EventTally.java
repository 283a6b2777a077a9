package dev.llmretry.examples;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.StreamIncomplete;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the library's events during one scenario, so the demo can summarise it and the CI test can assert on it.
 * Thread-safe.
 */
final class EventTally implements LlmRetryListener {
    private final List<Duration> retryDelays = new ArrayList<>();
    private final List<String> failovers = new ArrayList<>();
    private final List<String> circuitChanges = new ArrayList<>();
    private final List<String> exhausted = new ArrayList<>();
    private int streamsIncomplete;
    private int recoveredAfterTrouble;

    @Override
    public synchronized void onRetryScheduled(RetryScheduled e) {
        retryDelays.add(e.delay());
    }

    @Override
    public synchronized void onFailover(FailedOver e) {
        failovers.add(e.from() + "->" + e.to());
    }

    @Override
    public synchronized void onCircuitStateChange(CircuitStateChanged e) {
        circuitChanges.add(e.breaker() + ":" + (e.to() == CircuitState.HALF_OPEN ? "half_open"
                : e.to().name().toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public synchronized void onStreamIncomplete(StreamIncomplete e) {
        streamsIncomplete++;
    }

    @Override
    public synchronized void onSuccess(CallSucceeded e) {
        if (e.attempts() > 1 || e.failedOver()) recoveredAfterTrouble++;
    }

    @Override
    public synchronized void onExhausted(CallExhausted e) {
        exhausted.add(e.why().toString());
    }

    synchronized List<Duration> retryDelays() { return List.copyOf(retryDelays); }

    synchronized List<String> failovers() { return List.copyOf(failovers); }

    synchronized List<String> circuitChanges() { return List.copyOf(circuitChanges); }

    synchronized List<String> exhausted() { return List.copyOf(exhausted); }

    synchronized int streamsIncomplete() { return streamsIncomplete; }

    synchronized int recoveredAfterTrouble() { return recoveredAfterTrouble; }

    synchronized void clear() {
        retryDelays.clear();
        failovers.clear();
        circuitChanges.clear();
        exhausted.clear();
        streamsIncomplete = 0;
        recoveredAfterTrouble = 0;
    }
}
