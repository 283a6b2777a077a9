package dev.llmretry.internal.breaker;

import dev.llmretry.time.TimeSource;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the breaker tests move by hand ({@code nanos}); sleeping advances it; nothing can be scheduled. */
final class ManualTime implements TimeSource {
    final AtomicLong nanos;

    ManualTime(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override public long nanoTime() { return nanos.get(); }

    @Override public Instant now() { return Instant.EPOCH.plusNanos(nanos.get()); }

    @Override public void sleep(long n) { nanos.addAndGet(n); }

    @Override public Cancellable schedule(Runnable task, long n) { throw new UnsupportedOperationException(); }
}
