package dev.llmretry.internal.breaker;

import java.util.ArrayDeque;

/**
 * One breaker's notices of state changes, delivered one at a time in the order they were queued, outside any lock,
 * with bounded work for every caller. The thread that made a change delivers the queue itself when nobody else is
 * (so a single-threaded caller sees its listeners run before its call returns), but at most {@link #CALLER_BUDGET}
 * notices; whatever is still queued then is handed to a background thread ({@code llm-retry-notices}, one per
 * breaker at most), which drains it in order and ends. So a caller is never stuck delivering other callers' notices
 * while a circuit keeps flapping, and no thread outlives the burst. Thread-safe.
 *
 * <pre>{@code
 * synchronized (transitions) { if (changed) notices.add(notice); }   // queued in the order of the changes
 * notices.deliver();                                                   // outside the lock
 * }</pre>
 */
final class OrderedNotices {
    /** The most notices one {@link #deliver()} call runs on its caller's thread. */
    static final int CALLER_BUDGET = 8;

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>(); // guarded by this
    private boolean delivering; // guarded by this: one deliverer at a time keeps the order

    synchronized void add(Runnable notice) {
        if (notice != null) queue.add(notice);
    }

    /** Delivers queued notices unless another thread is delivering (it will deliver them too). */
    void deliver() {
        synchronized (this) {
            if (delivering || queue.isEmpty()) return;
            delivering = true;
        }
        if (drain(CALLER_BUDGET)) return;
        Thread background = new Thread(() -> drain(Integer.MAX_VALUE), "llm-retry-notices"); // keeps the role: the order stays
        background.setDaemon(true);
        try {
            background.start();
        } catch (OutOfMemoryError | SecurityException noThread) {
            drain(Integer.MAX_VALUE); // no thread to be had: deliver here rather than lose notices
        }
    }

    /** Runs at most {@code max} notices; true when the queue ran empty (the role is then given up at once). */
    private boolean drain(int max) {
        boolean left = false;
        try {
            for (int i = 0; ; i++) {
                Runnable next;
                synchronized (this) {
                    left = true;
                    if (queue.isEmpty()) {
                        delivering = false; // in the same critical section as the check: no notice is stranded
                        return true;
                    }
                    if (i == max) return false; // still the deliverer: the caller hands the role on
                    next = queue.poll();
                    left = false;
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    // a broken notice must not hold back the ones after it (the runtime's notices never throw)
                }
            }
        } finally {
            if (!left) {
                synchronized (this) {
                    delivering = false; // an Error escaped a notice: the next change delivers the rest
                }
            }
        }
    }
}
