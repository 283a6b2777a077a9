package dev.llmretry.breaker;

/** Calls are refused until {@code retryAtNanos}; the breaker then moves to half-open on the next request. */
final class OpenState extends BreakerState {
    final long retryAtNanos;
    /** Failures in a row without a success, as counted when the circuit opened. */
    final int consecutiveFailures;

    OpenState(CircuitBreaker owner, long retryAtNanos, int consecutiveFailures) {
        super(owner);
        this.retryAtNanos = retryAtNanos;
        this.consecutiveFailures = consecutiveFailures;
    }

    @Override CircuitState kind() { return CircuitState.OPEN; }

    @Override boolean admit() { return false; }

    @Override boolean recordSuccess() { return false; }

    @Override boolean recordFailure() { return false; }
}
