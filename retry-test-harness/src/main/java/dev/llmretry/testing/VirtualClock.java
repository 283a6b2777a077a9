package dev.llmretry.testing;

import dev.llmretry.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Virtual time for tests: every wait the library makes completes at once, moves the clock forward by its length and
 * is recorded; scheduled tasks run when the clock reaches them ({@link #advance}). Nothing sleeps.
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();   // @LlmRetryTest installs one for each test
 * service.ask("hi");                         // retries twice
 * assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
 * clock.advance(Duration.ofSeconds(120));    // past a circuit's recovery time
 * }</pre>
 *
 * <p>Thread-safe. With several threads waiting at once, each wait moves the one shared clock forward, so virtual
 * time passes faster than with real threads; tests of concurrent waits should assert on counts, not on instants.
 */
public final class VirtualClock implements TimeSource {
    /** Where virtual time starts: a fixed, recognisable instant. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final List<Duration> waits = new ArrayList<>();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long nanos;
    private long sequence;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return EPOCH.plusNanos(nanos);
    }

    /** Virtual time elapsed since the clock was created. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    @Override
    public void sleep(long waitNanos) throws InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException("interrupted before a virtual wait");
        synchronized (this) {
            waits.add(Duration.ofNanos(Math.max(0, waitNanos)));
        }
        advance(Duration.ofNanos(Math.max(0, waitNanos)));
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Task t;
        synchronized (this) {
            t = new Task(nanos + Math.max(0, delayNanos), Math.max(0, delayNanos), sequence++, task);
            tasks.add(t);
        }
        return () -> {
            synchronized (VirtualClock.this) {
                return tasks.remove(t);
            }
        };
    }

    /** Moves time forward, running every scheduled task that falls due, in order, on the calling thread. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = nanos + d.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    nanos = Math.max(nanos, target);
                    return;
                }
                tasks.poll();
                nanos = Math.max(nanos, next.due);
                waits.add(Duration.ofNanos(next.delay));
            }
            next.run.run();
        }
    }

    /** Runs every scheduled task, however far ahead, advancing the clock to each one's time. */
    public void runAll() {
        runUntil(() -> false);
    }

    /**
     * Runs scheduled tasks in time order, advancing the clock to each, until {@code done} holds or none is left:
     * drives an async call in virtual time, e.g. {@code clock.runUntil(future::isDone)}.
     */
    public void runUntil(java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            Task next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) return;
                nanos = Math.max(nanos, next.due);
                waits.add(Duration.ofNanos(next.delay));
            }
            next.run.run();
        }
    }

    /**
     * Every wait the library made, in order: sync backoff sleeps and the delays of scheduled tasks that ran (async
     * retries). Cancelled tasks (a timeout that did not fire) are not waits.
     */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** Tasks scheduled and not yet run. */
    public synchronized int pendingTasks() {
        return tasks.size();
    }

    private record Task(long due, long delay, long seq, Runnable run) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }
}
