package dev.llmretry.internal.breaker;

import dev.llmretry.breaker.CircuitState;

/**
 * One state of a {@link CircuitBreaker}, and the permit a caller holds while its call runs. Each state counts only
 * what it needs; the breaker swaps whole state objects, so counters never need resetting.
 *
 * <pre>{@code
 * BreakerState permit = breaker.tryAcquire();   // null: refused
 * if (permit != null && permit.isTrial()) log.info("probing {}", permit.breaker().name());
 * }</pre>
 */
public abstract sealed class BreakerState permits ClosedState, OpenState, HalfOpenState {
    private final CircuitBreaker owner;

    BreakerState(CircuitBreaker owner) {
        this.owner = owner;
    }

    /** The breaker this state (permit) belongs to. */
    public CircuitBreaker breaker() {
        return owner;
    }

    abstract CircuitState kind();

    /** Lets one call through if this state allows it (taking a trial slot when half-open). */
    abstract boolean admit();

    /** Records a success; true if this state should now be left. */
    abstract boolean recordSuccess();

    /** Records a counted failure; true if this state should now be left (for OPEN). */
    abstract boolean recordFailure();

    /** True for a half-open trial permit: its outcome may change the circuit's state. */
    public boolean isTrial() {
        return false;
    }

    /** True for a last-resort probe: a call admitted while every circuit of it was open; it gets one attempt. */
    public boolean isProbe() {
        return this instanceof OpenState;
    }

    /** Gives back a trial slot without counting the outcome. */
    void release() {
    }
}
