package dev.llmretry.breaker;

/** Calls are refused until {@code retryAtNanos}; the breaker then moves to half-open on the next request. */
final class OpenState extends BreakerState {
    final long retryAtNanos;

    OpenState(CircuitBreaker owner, long retryAtNanos) {
        super(owner);
        this.retryAtNanos = retryAtNanos;
    }

    @Override CircuitState kind() { return CircuitState.OPEN; }

    @Override boolean admit() { return false; }

    @Override boolean recordSuccess() { return false; }

    @Override boolean recordFailure() { return false; }
}
