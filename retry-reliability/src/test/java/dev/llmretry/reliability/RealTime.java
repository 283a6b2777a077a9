package dev.llmretry.reliability;

import dev.llmretry.time.TimeSource;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock with a scheduler the test owns, so it can count pending tasks (async retries, attempt timers)
 * and shut the threads down afterwards. Waits on a latch instead of sleeping. Thread-safe.
 */
final class RealTime implements TimeSource, AutoCloseable {
    final ScheduledThreadPoolExecutor scheduler;

    RealTime(int threads, String name) {
        scheduler = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override public long nanoTime() { return System.nanoTime(); }

    @Override public Instant now() { return Instant.now(); }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException();
        if (nanos > 0) new CountDownLatch(1).await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public Cancellable schedule(Runnable task, long nanos) {
        ScheduledFuture<?> f = scheduler.schedule(task, Math.max(0, nanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Tasks scheduled and not yet run (cancelled ones are removed at once). */
    int pendingTasks() { return scheduler.getQueue().size(); }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) throw new IllegalStateException("scheduler did not stop");
    }
}
