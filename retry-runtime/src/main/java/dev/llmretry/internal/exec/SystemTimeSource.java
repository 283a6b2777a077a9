package dev.llmretry.internal.exec;

import dev.llmretry.time.TimeSource;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real clock. Scheduled tasks wait on one daemon thread, {@code llm-retry-scheduler}, which only hands each task
 * over when it falls due: the task (an async retry, with the user's method body and the listeners it notifies; an
 * attempt-timeout) runs on a cached pool of daemon threads, {@code llm-retry-worker-N}, created as needed and ended
 * after 60 s idle. So a body that blocks never delays another call's retry or timeout. The threads start on first use
 * (a sync-only application never starts them) and end on {@link #shutdown()}; a later use starts them again.
 */
public final class SystemTimeSource implements TimeSource {
    public static final SystemTimeSource INSTANCE = new SystemTimeSource();

    private volatile Threads threads; // null before first use and after shutdown

    private SystemTimeSource() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long nanos) {
        Threads t = threads();
        ScheduledFuture<?> f = t.scheduler.schedule(() -> t.workers.execute(task), Math.max(0, nanos),
                TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private Threads threads() {
        Threads t = threads;
        if (t != null) return t;
        synchronized (this) {
            if (threads == null) threads = new Threads();
            return threads;
        }
    }

    /**
     * Ends the scheduler and worker threads: pending tasks are dropped, running ones interrupted (a thread ends once
     * its task returns). Idempotent; the next {@link #schedule} starts new threads.
     */
    void shutdown() {
        Threads t;
        synchronized (this) {
            t = threads;
            threads = null;
        }
        if (t != null) {
            t.scheduler.shutdownNow();
            t.workers.shutdownNow();
        }
    }

    /** Whether the threads are running (for tests of shutdown). */
    boolean started() {
        return threads != null;
    }

    /** The scheduler that only waits, and the pool that runs what falls due. */
    private static final class Threads {
        final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemons("llm-retry-scheduler"));
        final ThreadPoolExecutor workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemons("llm-retry-worker-"));

        Threads() {
            scheduler.setRemoveOnCancelPolicy(true);
        }

        private static ThreadFactory daemons(String name) {
            AtomicInteger count = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, name.endsWith("-") ? name + count.incrementAndGet() : name);
                t.setDaemon(true);
                return t;
            };
        }
    }
}
