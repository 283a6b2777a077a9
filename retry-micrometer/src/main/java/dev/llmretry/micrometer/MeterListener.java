package dev.llmretry.micrometer;

import dev.llmretry.LlmResilience;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallStarted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.health.EndpointStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The counters and gauges of SPEC §11, updated from events. Thread-safe: Micrometer meters are, and the circuit
 * states live in a concurrent map of atomic references.
 */
final class MeterListener implements LlmRetryListener {
    static final String CALLS = "llmretry.calls";
    static final String ATTEMPTS = "llmretry.attempts";
    static final String FAILOVERS = "llmretry.failovers";
    static final String CIRCUIT_STATE = "llmretry.circuit.state";
    static final String DURATION = "llmretry.call.duration";
    static final List<String> CIRCUIT_STATES = List.of("closed", "open", "half_open");

    private final MeterRegistry meters;
    private final Map<String, AtomicReference<String>> circuits = new ConcurrentHashMap<>();
    private final InFlight<Instant> started = new InFlight<>(start -> { });

    MeterListener(MeterRegistry meters) {
        this.meters = meters;
        for (EndpointStatus s : LlmResilience.health().endpoints().values()) {
            String state = switch (s.state()) {
                case CIRCUIT_OPEN -> "open";
                case HALF_OPEN -> "half_open";
                case HEALTHY, DEGRADED -> "closed";
                case CONFIG_ERROR -> null;   // not a circuit
            };
            if (state != null) circuit(s.name()).set(state);
        }
    }

    @Override
    public void onCallStarted(CallStarted e) {
        started.put(e.callId(), e.time());
    }

    @Override
    public void onSuccess(CallSucceeded e) {
        call(e.method(), Outcomes.of(e));
        duration(e.callId(), e.method(), Outcomes.of(e), e.time());
        attempt(e.endpoint(), "success");
    }

    @Override
    public void onExhausted(CallExhausted e) {
        call(e.method(), Outcomes.FAILED);
        duration(e.callId(), e.method(), Outcomes.FAILED, e.time());
        // the last attempt failed and nothing followed it; none was made when every circuit was open
        if (e.attempts() > 0 && !e.endpointsTried().isEmpty()) {
            attempt(e.endpointsTried().get(e.endpointsTried().size() - 1), "exhausted");
        }
    }

    @Override
    public void onRetryScheduled(RetryScheduled e) {
        attempt(e.endpoint(), "retry");
    }

    @Override
    public void onFailover(FailedOver e) {
        attempt(e.from(), "failover");
        Counter.builder(FAILOVERS).description("Calls moved from one endpoint to another")
                .tag("from", e.from()).tag("to", e.to()).tag("reason", e.reason())
                .register(meters).increment();
    }

    @Override
    public void onCircuitStateChange(CircuitStateChanged e) {
        circuit(e.breaker()).set(e.to().name().toLowerCase(Locale.ROOT));
    }

    private void call(String name, String outcome) {
        Counter.builder(CALLS).description("Protected calls by outcome")
                .tag("name", name).tag("outcome", outcome).register(meters).increment();
    }

    /** The call's time from its start to its end, on the library's clock (virtual in tests). */
    private void duration(long callId, String name, String outcome, Instant end) {
        Instant start = started.remove(callId);
        if (start == null) return;   // started before the binding, or evicted
        Timer.builder(DURATION).description("Protected calls from start to result, retries and waits included")
                .tag("name", name).tag("outcome", outcome).register(meters).record(Duration.between(start, end));
    }

    private void attempt(String endpoint, String decision) {
        Counter.builder(ATTEMPTS).description("Attempts by endpoint and what followed them")
                .tag("endpoint", endpoint).tag("decision", decision).register(meters).increment();
    }

    /** The state holder of one breaker; its three gauges (1 for the current state, else 0) on first sight. */
    private AtomicReference<String> circuit(String breaker) {
        return circuits.computeIfAbsent(breaker, name -> {
            AtomicReference<String> current = new AtomicReference<>("closed");
            for (String state : CIRCUIT_STATES) {
                Gauge.builder(CIRCUIT_STATE, current, c -> state.equals(c.get()) ? 1 : 0)
                        .description("1 when the circuit is in this state, else 0")
                        .tag("endpoint", name).tag("state", state).strongReference(true).register(meters);
            }
            return current;
        });
    }
}
