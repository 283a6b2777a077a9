package dev.llmretry.reliability;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.StreamIncomplete;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts what the soak's events say: attempts per outcome, incomplete streams, and every breaker's transitions. */
final class SoakRecorder implements LlmRetryListener {
    private static final Set<String> LEGAL = Set.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED", "HALF_OPEN->OPEN");

    final LongAdder succeededAttempts = new LongAdder();
    final LongAdder exhaustedAttempts = new LongAdder();
    final LongAdder successes = new LongAdder();
    final LongAdder exhaustions = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder failovers = new LongAdder();
    final Map<String, LongAdder> incompleteStreams = new ConcurrentHashMap<>();
    private final Map<String, List<CircuitStateChanged>> transitions = new ConcurrentHashMap<>();

    @Override public void onSuccess(CallSucceeded e) {
        successes.increment();
        succeededAttempts.add(e.attempts());
    }

    @Override public void onExhausted(CallExhausted e) {
        exhaustions.increment();
        exhaustedAttempts.add(e.attempts());
    }

    @Override public void onRetryScheduled(RetryScheduled e) { retries.increment(); }

    @Override public void onFailover(FailedOver e) { failovers.increment(); }

    @Override public void onStreamIncomplete(StreamIncomplete e) {
        incompleteStreams.computeIfAbsent(e.endpoint(), k -> new LongAdder()).increment();
    }

    @Override public void onCircuitStateChange(CircuitStateChanged e) {
        List<CircuitStateChanged> list = transitions.computeIfAbsent(e.breaker(), k -> new ArrayList<>());
        synchronized (list) {
            list.add(e);
        }
    }

    long incomplete(String endpoint) {
        LongAdder n = incompleteStreams.get(endpoint);
        return n == null ? 0 : n.sum();
    }

    long transitionCount() {
        return transitions.values().stream().mapToLong(List::size).sum();
    }

    /** Problems with the recorded transitions: an illegal edge, or a change that does not start where the last ended. */
    List<String> transitionProblems() {
        List<String> problems = new ArrayList<>();
        transitions.forEach((breaker, list) -> {
            synchronized (list) {
                CircuitState at = CircuitState.CLOSED;
                for (CircuitStateChanged e : list) {
                    String edge = e.from() + "->" + e.to();
                    if (!LEGAL.contains(edge)) problems.add(breaker + ": illegal edge " + edge);
                    if (e.from() != at) problems.add(breaker + ": " + edge + " recorded while the last change ended at " + at);
                    at = e.to();
                }
            }
        });
        return problems;
    }
}
