package dev.llmretry.micrometer;

import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallStarted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * One {@code llmretry.call} observation per protected call: started on {@code CallStarted} (on the calling thread,
 * so the caller's current observation becomes its parent), an event per retry ({@code llmretry.retry}) and per
 * failover ({@code llmretry.failover}), stopped on the call's end event. No scope is opened: an async call ends on
 * another thread, and a scope must close on the thread that opened it. Thread-safe.
 */
final class ObservationListener implements LlmRetryListener {
    private static final LlmCallObservationConvention DEFAULT = new LlmCallObservationConvention();

    private final ObservationRegistry registry;
    private final InFlight<Observation> calls;

    ObservationListener(ObservationRegistry registry) {
        this(registry, InFlight.LIMIT);
    }

    /** @param limit how many later calls end a call whose end was never reported (tests use a small one) */
    ObservationListener(ObservationRegistry registry, int limit) {
        this.registry = registry;
        this.calls = new InFlight<>(limit, ObservationListener::abandon);
    }

    @Override
    public void onCallStarted(CallStarted e) {
        LlmCallObservationContext context = new LlmCallObservationContext(e.method());
        calls.put(e.callId(), Observation.createNotStarted(null, DEFAULT, () -> context, registry).start());
    }

    @Override
    public void onRetryScheduled(RetryScheduled e) {
        Observation o = calls.get(e.callId());
        if (o != null) {
            o.event(Observation.Event.of("llmretry.retry", "attempt " + e.attempt() + " failed on " + e.endpoint()
                    + ", retry in " + e.delay().toMillis() + "ms"));
        }
    }

    @Override
    public void onFailover(FailedOver e) {
        Observation o = calls.get(e.callId());
        if (o != null) {
            o.event(Observation.Event.of("llmretry.failover", e.from() + " -> " + e.to() + " (" + e.reason() + ")"));
        }
    }

    @Override
    public void onSuccess(CallSucceeded e) {
        Observation o = calls.remove(e.callId());
        if (o == null) return;
        context(o).ended(Outcomes.of(e), e.endpoint(), e.attempts(), null);
        o.stop();
    }

    @Override
    public void onExhausted(CallExhausted e) {
        Observation o = calls.remove(e.callId());
        if (o == null) return;
        String last = e.endpointsTried().isEmpty() ? null : e.endpointsTried().get(e.endpointsTried().size() - 1);
        context(o).ended(Outcomes.FAILED, last, e.attempts(), e.cause());
        o.error(new CallFailure(Outcomes.errorType(e.cause()), e.causeSummary()));
        o.stop();
    }

    int inFlight() {
        return calls.size();
    }

    private static LlmCallObservationContext context(Observation o) {
        return (LlmCallObservationContext) o.getContext();
    }

    /** A call whose end never came (aborted): its observation ends with outcome {@code unknown}. */
    private static void abandon(Observation o) {
        o.stop();
    }
}
