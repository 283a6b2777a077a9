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

    Target(String name, ConfiguredEndpoint endpoint, CircuitBreaker breaker, EndpointHealth health, int priority) {
        this.name = name;
        this.endpoint = endpoint;
        this.breaker = breaker;
        this.health = health;
        this.priority = priority;
        if (breaker != null) breaker.attach(this);
    }

    /** A permit for one attempt: the breaker state that admitted it, or this target when there is no breaker. */
    Object tryAcquire() {
        return breaker == null ? this : breaker.tryAcquire();
    }

    /** A last-resort probe while the circuit is open (at most twice a second), or {@code null}. */
    Object tryProbe() {
        return breaker == null ? null : breaker.tryProbe();
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

    static Target of(Object permit) {
        return permit instanceof BreakerState s ? (Target) s.breaker().attachment() : (Target) permit;
    }

    void succeeded(Object permit, long startNanos) {
        if (breaker != null) breaker.onSuccess((BreakerState) permit);
        if (health != null) health.recordSuccess(startNanos);
    }

    /** Records a counted failure; returns true if this made (or found) the circuit open. */
    boolean failed(Object permit, long nowNanos, String summary, java.time.Instant at) {
        if (health != null) health.recordFailure(nowNanos, summary, at);
        return breaker != null && breaker.onFailure((BreakerState) permit);
    }

    /** A streamed result failed after its first element: counts against the endpoint, outside any attempt. */
    void failedLate(long nowNanos, String summary, java.time.Instant at) {
        if (health != null) health.recordFailure(nowNanos, summary, at);
        if (breaker != null) breaker.onLateFailure();
    }

    /** Gives back a permit that no attempt was made with (the call was cancelled after taking it). */
    void release(Object permit) {
        if (breaker != null) breaker.onReleased((BreakerState) permit);
    }

    /** An ABORT-class failure: the request was sent, but it says nothing about the endpoint's health. */
    void ignored(Object permit, long nowNanos) {
        if (breaker != null) breaker.onIgnored((BreakerState) permit);
        if (health != null) health.recordNeutral();
    }
}
