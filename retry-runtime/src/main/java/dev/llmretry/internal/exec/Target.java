package dev.llmretry.internal.exec;

import dev.llmretry.internal.breaker.BreakerState;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.endpoint.ConfiguredEndpoint;
import dev.llmretry.internal.health.EndpointHealth;

/**
 * Where an attempt goes: an endpoint, the breaker that guards it (or none) and its health counters (or none).
 * Endpoint targets and named-breaker targets are shared by every method that uses them. Thread-safe.
 */
final class Target {
    final String name;
    final ConfiguredEndpoint endpoint;
    final CircuitBreaker breaker;
    final EndpointHealth health;
    final int priority;
    /** The one permit of a target without a breaker. */
    private final Permit unguarded;
    /** The permit of the breaker state that admitted the latest attempt ({@link #permitOf}). */
    private Permit latest;

    Target(String name, ConfiguredEndpoint endpoint, CircuitBreaker breaker, EndpointHealth health, int priority) {
        this.name = name;
        this.endpoint = endpoint;
        this.breaker = breaker;
        this.health = health;
        this.priority = priority;
        this.unguarded = breaker == null ? new Permit(this, null) : null;
    }

    /** A permit for one attempt, or {@code null} when the circuit refuses it. */
    Permit tryAcquire() {
        return breaker == null ? unguarded : permitOf(breaker.tryAcquire());
    }

    /** A last-resort probe while the circuit is open (at most twice a second), or {@code null}. */
    Permit tryProbe() {
        return breaker == null ? null : permitOf(breaker.tryProbe());
    }

    /**
     * The permit for an attempt admitted by {@code state}: made once per state of the breaker (the breaker swaps whole
     * state objects), so admitting a call allocates nothing. A plain field: threads that race after a state change may
     * each make one, which is harmless (a permit is immutable and compared by its state, never by identity).
     */
    private Permit permitOf(BreakerState state) {
        if (state == null) return null;
        Permit p = latest;
        if (p != null && p.state == state) return p;
        return latest = new Permit(this, state);
    }

    /** When the circuit admits its next regular trial call; {@code Instant.MIN} when it is not open. */
    java.time.Instant retryAt() {
        java.time.Instant at = breaker == null ? null : breaker.retryAt();
        return at == null ? java.time.Instant.MIN : at;
    }

    /** Takes a same-endpoint retry from the endpoint's retry budget; always true without a breaker. */
    boolean tryRetry(long nowNanos) {
        return breaker == null || breaker.tryRetry(nowNanos);
    }

    /** Consecutive failures after which one call stops retrying here and moves on, if it can. */
    int failureThreshold() {
        return breaker == null ? Integer.MAX_VALUE : breaker.settings().failureThreshold();
    }

    /** A streamed result failed after its first element: counts against the endpoint, outside any attempt. */
    void failedLate(long nowNanos, String summary, java.time.Instant at, CircuitBreaker.Caller caller) {
        if (health != null) health.recordFailure(nowNanos, summary, at);
        if (breaker != null) breaker.onLateFailure(caller);
    }
}
