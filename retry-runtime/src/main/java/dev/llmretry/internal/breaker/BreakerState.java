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

    /** Counted failures in a row since the last success (kept while the circuit is open). */
    abstract int consecutiveFailures();

    /**
     * The state a counted failure admitted by this permit opens the circuit to, at {@code nowNanos}: after a failed
     * trial for twice the last opening (up to recovery-time), else for {@code firstOpen} of now (asked only then).
     */
    OpenState opened(long nowNanos, java.util.function.LongUnaryOperator firstOpen) {
        return new OpenState(breaker(), nowNanos, firstOpen.applyAsLong(nowNanos), consecutiveFailures());
    }

    /** Whether this state is open and its recovery time is over at {@code nowNanos}: the next call is a trial. */
    boolean trialDue(long nowNanos) {
        return false;
    }

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
