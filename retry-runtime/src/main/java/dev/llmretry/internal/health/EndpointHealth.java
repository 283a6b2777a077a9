package dev.llmretry.internal.health;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happened on one endpoint: all requests ever, and successes/failures over a recent window kept as a
 * ring of time buckets. Striped counters ({@link LongAdder}) so concurrent successes do not contend; the window
 * reuses the call's start time, so recording reads no clock. Thread-safe; figures are exact in total and may be
 * off by a few calls inside a bucket that is being rotated.
 *
 * <pre>{@code
 * health.recordSuccess(startNanos);
 * health.recordFailure(nowNanos, "504 Gateway Timeout", Instant.now());
 * double rate = health.successRate(nowNanos);
 * }</pre>
 */
public final class EndpointHealth {
    private static final int BUCKETS = 12;

    /**
     * Requests counted in buckets that were rotated out since; with the live buckets and {@link #neutral} they make
     * the total, so an outcome is one striped increment (not two: the total is not counted separately).
     */
    private final AtomicLong retired = new AtomicLong();
    private final LongAdder neutral = new LongAdder();
    private final Bucket[] buckets = new Bucket[BUCKETS];
    private final long bucketNanos;
    /** The bucket most recently rotated to: the common case finds the bucket without the two 64-bit divisions. */
    private volatile Bucket current;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    public EndpointHealth(java.time.Duration window) {
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        for (int i = 0; i < BUCKETS; i++) buckets[i] = new Bucket();
        current = buckets[0];
    }

    public void recordSuccess(long nanos) {
        bucket(nanos).ok.increment();
    }

    /** @param error a one-line description with secrets already masked */
    public void recordFailure(long nanos, String error, Instant at) {
        bucket(nanos).failed.increment();
        lastError = error;
        lastErrorAt = at;
    }

    /** A request whose failure says nothing about the endpoint (a bad request): counted, but not in the rate. */
    public void recordNeutral() {
        neutral.increment();
    }

    /**
     * Requests ever counted. Exact once recorded: a rotation moves a bucket's counts to {@link #retired} cell by cell
     * ({@link LongAdder#sumThenReset}), so an outcome recorded meanwhile lands in one or the other, never in neither.
     * While a bucket rotates, a read may miss its counts for a moment (never count them twice): {@code retired} is
     * read first and added to after the reset.
     */
    public long totalRequests() {
        long n = retired.get() + neutral.sum();
        for (Bucket b : buckets) n += b.ok.sum() + b.failed.sum();
        return n;
    }

    /** Share of successful requests over the window ending at {@code nowNanos}; 1.0 when there were none. */
    public double successRate(long nowNanos) {
        long current = Math.floorDiv(nowNanos, bucketNanos);
        long ok = 0, failed = 0;
        for (Bucket b : buckets) {
            if (current - b.epoch < BUCKETS) {
                ok += b.ok.sum();
                failed += b.failed.sum();
            }
        }
        return ok + failed == 0 ? 1.0 : (double) ok / (ok + failed);
    }

    /** Requests counted in the window ending at {@code nowNanos}. */
    public long windowRequests(long nowNanos) {
        long current = Math.floorDiv(nowNanos, bucketNanos);
        long n = 0;
        for (Bucket b : buckets) if (current - b.epoch < BUCKETS) n += b.ok.sum() + b.failed.sum();
        return n;
    }

    public String lastError() { return lastError; }

    public Instant lastErrorAt() { return lastErrorAt; }

    private Bucket bucket(long nanos) {
        Bucket c = current;
        if (nanos >= c.startNanos && nanos < c.endNanos) return c; // a range check instead of floorDiv + floorMod
        long epoch = Math.floorDiv(nanos, bucketNanos);
        Bucket b = buckets[(int) Math.floorMod(epoch, (long) BUCKETS)];
        if (b.epoch != epoch) b.rotate(epoch, bucketNanos, retired);
        if (b.epoch == epoch && epoch > current.epoch) current = b;
        return b;
    }

    private static final class Bucket {
        volatile long epoch = Long.MIN_VALUE / 2;
        /** The bucket's time range, [startNanos, endNanos); empty until the first rotation. */
        volatile long startNanos = Long.MAX_VALUE;
        volatile long endNanos = Long.MIN_VALUE;
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();

        synchronized void rotate(long to, long bucketNanos, AtomicLong retired) {
            if (epoch >= to) return;
            startNanos = Long.MAX_VALUE; // empty while being reset, so the fast path cannot pick it half-rotated
            endNanos = Long.MIN_VALUE;
            retired.addAndGet(ok.sumThenReset() + failed.sumThenReset());
            epoch = to;
            long start = to * bucketNanos;
            endNanos = start + bucketNanos;
            startNanos = start;
        }
    }
}
