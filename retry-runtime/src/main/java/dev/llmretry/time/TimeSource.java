package dev.llmretry.time;

import dev.llmretry.internal.exec.SystemTimeSource;

import java.time.Instant;

/**
 * Where the library gets time from, and how it waits. The only place runtime code reads a clock, sleeps or schedules:
 * the test harness installs a virtual implementation in which waits complete at once and are recorded.
 *
 * <pre>{@code
 * long t0 = time.nanoTime();
 * time.sleep(1_000_000_000L);            // sync backoff; interruptible
 * time.schedule(() -> retry(), 2_000_000_000L);   // async backoff; holds no thread while waiting
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface TimeSource {
    /** Monotonic time in nanoseconds, for deadlines and backoff. */
    long nanoTime();

    /** Wall-clock time, for event timestamps and HTTP-date {@code Retry-After} values. */
    Instant now();

    /** Blocks the calling thread for {@code nanos}; throws when interrupted (the flag is then cleared, as usual). */
    void sleep(long nanos) throws InterruptedException;

    /**
     * Runs {@code task} after {@code nanos} without holding a thread in the meantime. The real clock runs due tasks on
     * its worker threads ({@code llm-retry-worker-N}), never on the thread that waits for them, so a task that blocks
     * delays no other; the virtual clock of the test harness runs them on the thread that advances it.
     */
    Cancellable schedule(Runnable task, long nanos);

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Calls the task off if it has not started; returns true if it will now never run. */
        boolean cancel();
    }

    /**
     * The real clock: {@link System#nanoTime()}, a real sleep, one shared daemon scheduler thread and a cached pool of
     * daemon worker threads; {@code LlmResilience.shutdown()} ends them.
     */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
