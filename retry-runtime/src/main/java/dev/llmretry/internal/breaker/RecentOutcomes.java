package dev.llmretry.internal.breaker;

/**
 * What an endpoint's recent requests looked like, over the health window: the evidence a {@link CircuitBreaker} weighs
 * before isolating an endpoint, and the traffic its retry budget is a share of. Read only on the failure path.
 *
 * <pre>{@code
 * RecentOutcomes recent = RecentOutcomes.of(health::successRate, health::windowRequests, health::totalRequests,
 *         Duration.ofSeconds(60));
 * boolean noisy = recent.failureRate(now) < 0.5;
 * }</pre>
 */
public interface RecentOutcomes {
    /** Nothing known: every request is taken to have failed, so consecutive failures alone decide (as before). */
    RecentOutcomes NONE = of(now -> 1.0, now -> 0, () -> -1, java.time.Duration.ofSeconds(60));

    /**
     * Share of the requests in the window ending at {@code nowNanos} that failed; 1 when there were none (nothing
     * speaks against a streak of failures that was not recorded here).
     */
    double failureRate(long nowNanos);

    /** Requests (answered or failed) in the window ending at {@code nowNanos}. */
    long requests(long nowNanos);

    /** The window's length in nanoseconds. */
    long windowNanos();

    /** Every request whose outcome was recorded since the start (not only in the window), or -1 if unknown. */
    long completed();

    /** Adapts a success rate, a request count over a window and a total (for example {@code EndpointHealth}'s). */
    static RecentOutcomes of(java.util.function.LongToDoubleFunction successRate,
                             java.util.function.LongUnaryOperator requests, java.util.function.LongSupplier completed,
                             java.time.Duration window) {
        long windowNanos = window.toNanos();
        return new RecentOutcomes() {
            @Override
            public double failureRate(long nowNanos) {
                return requests.applyAsLong(nowNanos) == 0 ? 1.0 : 1.0 - successRate.applyAsDouble(nowNanos);
            }

            @Override public long requests(long nowNanos) { return requests.applyAsLong(nowNanos); }

            @Override public long windowNanos() { return windowNanos; }

            @Override public long completed() { return completed.getAsLong(); }
        };
    }
}
