package dev.llmretry.breaker;

/**
 * What an endpoint's recent requests looked like, over the health window: the evidence a {@link CircuitBreaker} weighs
 * before isolating an endpoint, and the traffic its retry budget is a share of. Read only on the failure path.
 *
 * <pre>{@code
 * RecentOutcomes recent = RecentOutcomes.of(health::successRate, health::windowRequests, Duration.ofSeconds(60));
 * boolean noisy = recent.failureRate(now) < 0.5;
 * }</pre>
 */
public interface RecentOutcomes {
    /** Nothing known: every request is taken to have failed, so consecutive failures alone decide (as before). */
    RecentOutcomes NONE = of(now -> 0.0, now -> 0, java.time.Duration.ofSeconds(60));

    /** Share of the requests in the window ending at {@code nowNanos} that failed; 0 when there were none. */
    double failureRate(long nowNanos);

    /** Requests (answered or failed) in the window ending at {@code nowNanos}. */
    long requests(long nowNanos);

    /** The window's length in nanoseconds. */
    long windowNanos();

    /** Adapts a success-rate and a request count (for example {@code EndpointHealth}'s) over a window. */
    static RecentOutcomes of(java.util.function.LongToDoubleFunction successRate,
                             java.util.function.LongUnaryOperator requests, java.time.Duration window) {
        long windowNanos = window.toNanos();
        return new RecentOutcomes() {
            @Override public double failureRate(long nowNanos) { return 1.0 - successRate.applyAsDouble(nowNanos); }

            @Override public long requests(long nowNanos) { return requests.applyAsLong(nowNanos); }

            @Override public long windowNanos() { return windowNanos; }
        };
    }
}
