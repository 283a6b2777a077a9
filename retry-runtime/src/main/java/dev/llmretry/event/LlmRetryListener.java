package dev.llmretry.event;

import dev.llmretry.internal.event.Listeners;

/**
 * Receives what happens inside protected calls. Every method is optional. Register with
 * {@code LlmResilience.addListener(...)} or through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.llmretry.event.LlmRetryListener}, or {@code @AutoService(LlmRetryListener.class)}).
 *
 * <p>Listeners are called on the thread of the call (or of the scheduler, for async calls), never while the library
 * holds a lock. Circuit changes of one breaker arrive in the order they happened; to keep that order, one may be
 * delivered on the thread of another call that changed the same breaker at the same time. They must be thread-safe and quick. A listener that throws is logged once and otherwise ignored: it
 * never breaks a call.
 *
 * <pre>{@code
 * LlmResilience.addListener(new LlmRetryListener() {
 *     @Override public void onFailover(FailedOver e) { log.warn("{} -> {}", e.from(), e.to()); }
 * });
 * LlmResilience.addListener(new LlmRetryListener() {     // a recorder: every event, one method
 *     @Override public void onEvent(LlmRetryEvent e) { events.add(e); }
 * });
 * }</pre>
 */
public interface LlmRetryListener {
    /**
     * Every event, in one place: the library calls only this method, and its default passes each event on to the
     * method for its type ({@link #onRetryScheduled}, {@link #onFailover}, ...). Override it to receive all of them
     * (a recorder, a metrics bridge); then {@link CallStarted} and every {@link CallSucceeded} are delivered too.
     */
    default void onEvent(LlmRetryEvent event) {
        if (event instanceof CallStarted e) onCallStarted(e);
        else if (event instanceof RetryScheduled e) onRetryScheduled(e);
        else if (event instanceof FailedOver e) onFailover(e);
        else if (event instanceof CircuitStateChanged e) onCircuitStateChange(e);
        else if (event instanceof StreamIncomplete e) onStreamIncomplete(e);
        else if (event instanceof CallSucceeded e) onSuccess(e);
        else if (event instanceof CallExhausted e) onExhausted(e);
        else if (event instanceof CallAborted e) onAborted(e);
    }

    /**
     * A call is about to make its first attempt. Called only for listeners that override this method (or
     * {@link #onEvent}): otherwise calls do not build this event at all.
     */
    default void onCallStarted(CallStarted event) {
    }

    /** An attempt failed and the same endpoint will be tried again after a delay. */
    default void onRetryScheduled(RetryScheduled event) {
    }

    /** The call moved to another endpoint. */
    default void onFailover(FailedOver event) {
    }

    /** A circuit breaker changed state. */
    default void onCircuitStateChange(CircuitStateChanged event) {
    }

    /** A stream failed after delivering elements; it is not retried. */
    default void onStreamIncomplete(StreamIncomplete event) {
    }

    /**
     * A call returned a result. Called for every successful call whose listener overrides this method; calls that
     * succeed at the first attempt cost nothing extra when no listener overrides it.
     */
    default void onSuccess(CallSucceeded event) {
    }

    /** A call gave up: critical. */
    default void onExhausted(CallExhausted event) {
    }

    /** A call ended at once on a failure that no retry or failover fixes (a bad request): the caller's mistake. */
    default void onAborted(CallAborted event) {
    }
}
