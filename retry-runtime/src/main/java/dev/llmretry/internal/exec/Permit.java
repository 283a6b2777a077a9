package dev.llmretry.internal.exec;

import dev.llmretry.internal.breaker.BreakerState;
import dev.llmretry.internal.breaker.CircuitBreaker;

/**
 * What let one attempt through: the {@link Target} it goes to and, when that target has a circuit breaker, the breaker
 * state that admitted it. The attempt's outcome is recorded through its permit, so it lands on the target the attempt
 * went to and, for the breaker, on the state that admitted it (a late answer from an old half-open round cannot
 * corrupt the current one). A permit names its own target: a call in flight when a reload rebuilds the targets ends
 * on the ones its plan was built with.
 *
 * <p>Free on the happy path: a target without a breaker has one permit, and a target with one makes a permit once per
 * state of its breaker ({@link Target#tryAcquire()}), so a call allocates none. At the woven ABI a permit is an opaque
 * {@code Object} (the sync advice carries it from {@code MethodPlan.enter} to {@code succeeded} or {@code failed}):
 * those signatures stay as compile-time-woven classes call them, and {@link #of} is the one place it is cast back.
 * Immutable (final fields only, so it may be handed between threads without a barrier).
 *
 * <pre>{@code
 * Permit permit = target.tryAcquire();      // null: the circuit refuses the attempt
 * Endpoint e = permit.target.endpoint;
 * permit.succeeded(startNanos, caller);      // or failed(...), ignored(...), release()
 * }</pre>
 */
final class Permit {
    final Target target;
    /** The breaker state that admitted the attempt; {@code null} for a target without a breaker. */
    final BreakerState state;

    Permit(Target target, BreakerState state) {
        this.target = target;
        this.state = state;
    }

    /** The permit a woven class carried as an {@code Object} (from {@link MethodPlan#enter} or {@link CallState#permit()}). */
    static Permit of(Object woven) {
        return (Permit) woven;
    }

    /** A half-open trial: its outcome may close or reopen the circuit. */
    boolean isTrial() {
        return state != null && state.isTrial();
    }

    /** A last-resort probe, let through while every circuit of its call was open: it gets one attempt. */
    boolean isProbe() {
        return state != null && state.isProbe();
    }

    /** The attempt succeeded; {@code caller} is named if that closes the circuit. */
    void succeeded(long startNanos, CircuitBreaker.Caller caller) {
        if (state != null) target.breaker.onSuccess(state, caller);
        if (target.health != null) target.health.recordSuccess(startNanos);
    }

    /** The attempt failed with a failure that counts; returns true if the circuit is open now. */
    boolean failed(long nowNanos, String summary, java.time.Instant at, CircuitBreaker.Caller caller) {
        if (target.health != null) target.health.recordFailure(nowNanos, summary, at);
        return state != null && target.breaker.onFailure(state, caller);
    }

    /** No attempt was made with this permit (the call was cancelled after taking it): gives it back. */
    void release() {
        if (state != null) target.breaker.onReleased(state);
    }

    /** An ABORT-class failure: the request was sent, but it says nothing about the endpoint's health. */
    void ignored() {
        if (state != null) target.breaker.onIgnored(state);
        if (target.health != null) target.health.recordNeutral();
    }

    @Override
    public String toString() {
        return "Permit[" + target.name + (state == null ? "" : ", " + state.getClass().getSimpleName()) + "]";
    }
}
