package dev.llmretry.internal.breaker;

import dev.llmretry.breaker.CircuitState;

import dev.llmretry.internal.config.BreakerSettings;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Calls flow. Opens after {@code failure-threshold} consecutive failures if the endpoint's recent failure rate says
 * it is failing rather than flaky, or after {@code outage-threshold} consecutive failures whatever the rate
 * ({@link CircuitBreaker#warrantsIsolation}); also, when a failure-rate threshold is set, when that share of the last
 * {@code sliding-window-size} calls failed (after {@code minimum-calls}). A success on a breaker with no recorded
 * failure writes nothing unless the failure-rate window is on.
 */
final class ClosedState extends BreakerState {
    private final int threshold;
    private final AtomicInteger consecutive = new AtomicInteger();
    /** When the current run of failures began (written on the failure path only). */
    private volatile long streakStartNanos;
    private final FailureRateWindow window;

    ClosedState(CircuitBreaker owner, BreakerSettings settings) {
        super(owner);
        this.threshold = settings.failureThreshold();
        this.window = Double.isNaN(settings.failureRateThreshold()) ? null : new FailureRateWindow(settings);
    }

    @Override CircuitState kind() { return CircuitState.CLOSED; }

    @Override boolean admit() { return true; }

    @Override int consecutiveFailures() { return consecutive.get(); }

    @Override
    boolean recordSuccess() {
        if (consecutive.get() != 0) {
            consecutive.set(0);
            breaker().streak().ended();
        }
        if (window != null) window.record(false);
        return false;
    }

    @Override
    boolean recordFailure() {
        int streak = consecutive.incrementAndGet();
        if (streak == 1) streakStartNanos = breaker().nowNanos();
        breaker().streak().failed();
        boolean byRate = window != null && window.record(true);
        return byRate || streak >= threshold && breaker().warrantsIsolation(streak, streakStartNanos);
    }

    /** A ring of the last N outcomes (1 = failure); lock-free, approximate under races by at most a few slots. */
    private static final class FailureRateWindow {
        private final AtomicLongArray slots;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final double rate;
        private final int minimumCalls;

        FailureRateWindow(BreakerSettings s) {
            this.slots = new AtomicLongArray(s.slidingWindowSize());
            this.rate = s.failureRateThreshold();
            this.minimumCalls = s.minimumCalls();
        }

        /** Records one outcome; true when the failure rate is at or above the threshold. */
        boolean record(boolean failed) {
            int n = next.getAndIncrement();
            long old = slots.getAndSet(Math.floorMod(n, slots.length()), failed ? 1 : 0);
            int f = failures.addAndGet((failed ? 1 : 0) - (int) old);
            int calls = Math.min(n + 1, slots.length());
            return calls >= minimumCalls && f >= rate * calls;
        }
    }
}
