package dev.llmretry.internal.breaker;

import dev.llmretry.internal.config.BreakerSettings;

/**
 * Limits retries on one endpoint to a share of its recent requests (as Finagle's and Envoy's retry budgets do): over
 * the health window, retries may be at most {@code retry-budget} of the endpoint's requests plus
 * {@code min-retries-per-second} for quiet endpoints. When every endpoint is overloaded, the library then adds at most
 * that share of extra load instead of multiplying it. Only retries on the same endpoint are counted; the first
 * attempt of a call is never refused. Touched only on the failure path; thread-safe (a small lock).
 *
 * <pre>{@code
 * if (!budget.tryRetry(now)) failOver("retry_budget");
 * }</pre>
 */
final class RetryBudget {
    private static final int BUCKETS = 12;

    private final RecentOutcomes recent;
    private final long bucketNanos;
    private final long[] epochs = new long[BUCKETS];
    private final int[] retries = new int[BUCKETS];

    RetryBudget(RecentOutcomes recent) {
        this.recent = recent;
        this.bucketNanos = Math.max(1, recent.windowNanos() / BUCKETS);
        java.util.Arrays.fill(epochs, Long.MIN_VALUE);
    }

    /** Takes one retry from the budget if the settings' share allows it; false when the budget is spent. */
    synchronized boolean tryRetry(long nowNanos, BreakerSettings settings) {
        if (Double.isNaN(settings.retryBudget())) return true;
        int used = used(nowNanos);
        double allowed = settings.retryBudget() * recent.requests(nowNanos)
                + settings.minRetriesPerSecond() * recent.windowNanos() / 1e9;
        if (used + 1 > allowed) return false;
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        int slot = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (epochs[slot] != epoch) {
            epochs[slot] = epoch;
            retries[slot] = 0;
        }
        retries[slot]++;
        return true;
    }

    /** Retries taken in the window ending at {@code nowNanos} (for messages). */
    synchronized int used(long nowNanos) {
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        int used = 0;
        for (int i = 0; i < BUCKETS; i++) if (epoch - epochs[i] < BUCKETS) used += retries[i];
        return used;
    }
}
