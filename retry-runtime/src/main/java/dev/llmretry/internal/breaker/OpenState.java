package dev.llmretry.internal.breaker;

import dev.llmretry.breaker.CircuitState;

import dev.llmretry.internal.config.BreakerSettings;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls are refused until {@code retryAtNanos}; the breaker then moves to half-open on the next request. While open,
 * the state also hands out last-resort probes (at most one per {@link #PROBE_INTERVAL_NANOS}) to calls whose every
 * circuit is open: such a permit is this state itself, and a success with it brings the endpoint back (half-open).
 */
final class OpenState extends BreakerState {
    /** At most two last-resort probes a second per endpoint, whatever the traffic. */
    static final long PROBE_INTERVAL_NANOS = 500_000_000L;

    final long retryAtNanos;
    /** Failures in a row without a success, as counted when the circuit opened. */
    final int consecutiveFailures;
    /** How long this opening lasts; a failed probing round doubles it (up to recovery-time). */
    final long openNanos;
    private final AtomicLong lastProbeNanos;

    OpenState(CircuitBreaker owner, long nowNanos, long openNanos, int consecutiveFailures) {
        this(owner, nowNanos, openNanos, consecutiveFailures, openNanos);
    }

    /** Open for {@code openNanos}, counted as an opening of {@code countedNanos} (a failed trial doubles that). */
    OpenState(CircuitBreaker owner, long nowNanos, long openNanos, int consecutiveFailures, long countedNanos) {
        super(owner);
        this.retryAtNanos = saturatedAdd(nowNanos, openNanos);
        this.openNanos = countedNanos;
        this.consecutiveFailures = consecutiveFailures;
        this.lastProbeNanos = new AtomicLong(nowNanos);
    }

    @Override CircuitState kind() { return CircuitState.OPEN; }

    @Override boolean admit() { return false; }

    /** A last-resort probe's success: leave the open state (the endpoint answers again). */
    @Override boolean recordSuccess() { return true; }

    /** A last-resort probe's failure changes nothing: the circuit stays open until its probe time. */
    @Override boolean recordFailure() { return false; }

    @Override int consecutiveFailures() { return consecutiveFailures; }

    @Override boolean trialDue(long nowNanos) { return nowNanos - retryAtNanos >= 0; }

    /** The half-open state that follows this opening: its trials decide. */
    HalfOpenState trial(BreakerSettings settings) {
        return new HalfOpenState(breaker(), settings, consecutiveFailures, openNanos);
    }

    /** Only last-resort probes hold an open state as permit, and their outcome may change the state. */
    @Override public boolean isTrial() { return true; }

    /** Admits one last-resort probe if none was admitted in the last interval (nor since the circuit opened). */
    boolean admitProbe(long nowNanos) {
        long last = lastProbeNanos.get();
        return nowNanos - last >= PROBE_INTERVAL_NANOS && lastProbeNanos.compareAndSet(last, nowNanos);
    }

    /** When the next last-resort probe may go. */
    long nextProbeNanos() {
        return lastProbeNanos.get() + PROBE_INTERVAL_NANOS;
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
