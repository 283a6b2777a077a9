package dev.llmretry.internal.breaker;

import dev.llmretry.breaker.CircuitState;

import dev.llmretry.internal.config.BreakerSettings;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One trial call first; once a trial has answered, at most {@code half-open-max-calls} at once (a dead endpoint so
 * gets one request per probing round, however busy the application). {@code success-threshold} successes close the
 * circuit; one failure reopens it. A caller not admitted treats the circuit as open.
 */
final class HalfOpenState extends BreakerState {
    private final int maxCalls;
    private final int successThreshold;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger successes = new AtomicInteger();
    /** Failures in a row before this probing round (0 once a trial has succeeded). */
    private final int priorFailures;
    /** How long the opening before this round lasted: a failed round opens the circuit for twice as long. */
    final long lastOpenNanos;

    HalfOpenState(CircuitBreaker owner, BreakerSettings settings, int priorFailures, long lastOpenNanos) {
        super(owner);
        this.priorFailures = priorFailures;
        this.lastOpenNanos = lastOpenNanos;
        this.maxCalls = settings.halfOpenMaxCalls();
        this.successThreshold = settings.successThreshold();
    }

    @Override CircuitState kind() { return CircuitState.HALF_OPEN; }

    @Override public boolean isTrial() { return true; }

    @Override
    boolean admit() {
        while (true) {
            int n = inFlight.get();
            if (n >= (successes.get() == 0 ? 1 : maxCalls)) return false;
            if (inFlight.compareAndSet(n, n + 1)) return true;
        }
    }

    @Override
    boolean recordSuccess() {
        inFlight.decrementAndGet();
        return successes.incrementAndGet() >= successThreshold;
    }

    @Override
    boolean recordFailure() {
        inFlight.decrementAndGet();
        return true;
    }

    @Override
    void release() {
        inFlight.decrementAndGet();
    }

    int inFlight() { return inFlight.get(); }

    @Override int consecutiveFailures() { return successes.get() > 0 ? 0 : priorFailures; }

    /** A failed trial opens the circuit for twice the last opening, up to recovery-time. */
    @Override
    OpenState opened(long nowNanos, java.util.function.LongUnaryOperator firstOpen) {
        long doubled = Math.min(breaker().settings().recoveryTime().toNanos(),
                OpenState.saturatedAdd(lastOpenNanos, lastOpenNanos));
        return new OpenState(breaker(), nowNanos, doubled, consecutiveFailures() + 1);
    }
}
