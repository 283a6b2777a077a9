package dev.llmretry.internal.exec;

import dev.llmretry.AttemptTimeoutException;
import dev.llmretry.time.TimeSource;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds a blocking call by its {@code max-duration}, including an attempt that hangs: one daemon thread,
 * {@code llm-retry-watchdog}, interrupts a call's thread when the call's deadline passes. The body's failure then
 * becomes an {@link AttemptTimeoutException} ("exceeded max-duration"), the breaker permit of the attempt is settled
 * as a failure (so a hung half-open trial gives its slot back) and the call ends; a result that arrives after the
 * deadline fired is discarded. Clients that ignore interrupts (OkHttp, so the OpenAI and Anthropic SDKs' blocking
 * clients) cannot be stopped this way: set their own timeout (see docs/reliability.md).
 *
 * <p>Free of allocation and of shared writes on the happy path: each thread has one slot (a JDK
 * {@link AtomicLongArray}, so a thread of an application server never pins this library's class loader), armed and
 * disarmed with ordered writes to that slot only; the watchdog scans the slots, sleeping until the earliest deadline
 * it saw and at most {@value #SCAN_MILLIS} ms, and ends after about 2 s without a protected call (the next call
 * starts it again). A nested protected call keeps the outer call's deadline. Thread-safe.
 *
 * <p>The watchdog also keeps the <em>call clock</em> ({@link #startNanos()}): a reading of {@link System#nanoTime()}
 * it refreshes at every tick while calls run, so a call on the system clock learns its start from one memory read
 * instead of a clock read (about 20 ns, the largest cost of the happy path). A tick is at most
 * {@value #SCAN_MILLIS} ms and at most 1% of the shortest {@code max-duration} in use ({@link #tickWithin}), never
 * under 1 ms: a call's start, and so its deadline, is at most one tick early (plus however long the watchdog thread
 * waited for a core), never late. Without a running watchdog a call reads the clock itself and starts it.
 *
 * <pre>{@code
 * long start = CallWatch.startNanos();
 * AtomicLongArray watch = CallWatch.arm(plan, start);
 * try { ... } finally { CallWatch.disarm(watch); }
 * }</pre>
 */
public final class CallWatch {
    static final long SCAN_MILLIS = 50;
    private static final long MAX_TICK_NANOS = SCAN_MILLIS * 1_000_000, MIN_TICK_NANOS = 1_000_000;
    private static final long IDLE_NANOS = 2_000_000_000L; // without a protected call: the watchdog ends
    private static final long RETIRE_GRACE_NANOS = 1_000_000;
    private static final int STATE = 0, DEADLINE = 1, STRAY = 2, START = 3, CLOCK = 4;
    private static final long IDLE = 0, ARMED = 1, FIRING = 2, FIRED = 3, CONSUMED = 4;
    /**
     * Each thread's slot. A JDK type: a thread-local value of a library class would keep the library's class loader
     * alive as long as the thread (an application server's pooled threads outlive a redeployed application); the
     * thread and its slot are in {@link #WATCHED}, owned by this class.
     */
    private static final ThreadLocal<AtomicLongArray> SLOT = ThreadLocal.withInitial(() -> register().slot);
    /**
     * The clocks other than the system clock that armed slots are on (tests and benchmarks run their own runtime),
     * by the id a plan got for its clock ({@link #clockId}); held weakly, so a finished test's clock can go.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Long, java.lang.ref.WeakReference<TimeSource>> CLOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static long latestClockId; // guarded by CLOCKS, as the ids handed out (1, 2, ...)
    private static final ConcurrentLinkedQueue<Watched> WATCHED = new ConcurrentLinkedQueue<>();
    private static volatile Thread watchdog;
    /** The call clock: {@link System#nanoTime()} at the watchdog's latest tick; valid while {@link #ticking}. */
    private static volatile long clock;
    /** Whether a live watchdog keeps {@link #clock}; only changed under the class's lock. */
    private static volatile boolean ticking;
    /** Whether a call read {@link #clock} since the latest tick (written once per tick at most: no contention). */
    private static volatile boolean clockRead;
    private static volatile long tickNanos = MAX_TICK_NANOS;
    /** The longest max-duration of a plan on the system clock: how long a {@link #LATE} entry may still matter. */
    private static volatile long horizonNanos;
    /**
     * Ticks that were stale for longer than two ticks (the watchdog waited for a core, or a pause): the call clock's
     * value then, mapped to when the next value was published. A call that started from such a value started before
     * that instant ({@link #soundStart}). Empty unless the watchdog was held up; an entry leaves once every call that
     * could have read its value is past the horizon.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Long, Long> LATE = new java.util.concurrent.ConcurrentHashMap<>();
    /** How many stale ticks are remembered at most; at that many the call clock is not used ({@link #unreliable}). */
    static final int MAX_LATE = 1024;
    /** Set while {@link #LATE} is full: the watchdog keeps ticking, but calls read the clock themselves. */
    private static volatile boolean unreliable;

    private CallWatch() {
    }

    /** One thread and its slot; the slot says which clock its armed deadline is on ({@link #CLOCK}). */
    private static final class Watched {
        final Thread thread;
        final AtomicLongArray slot = new AtomicLongArray(5);

        Watched(Thread thread) {
            this.thread = thread;
        }
    }

    private static Watched register() {
        Watched w = new Watched(Thread.currentThread());
        WATCHED.add(w);
        return w;
    }

    /**
     * When a call on the system clock starts, at most one tick early: the call clock while the watchdog keeps it (one
     * memory read), else {@link System#nanoTime()}, and the watchdog is started to keep it from now on.
     */
    static long startNanos() {
        if (ticking) {
            if (!clockRead) clockRead = true;
            return clock;
        }
        long now = System.nanoTime();
        if (watchdog == null) startWatchdog();
        return now;
    }

    /**
     * Keeps the call clock's tick within 1% of {@code maxDurationNanos} (between 1 and {@value #SCAN_MILLIS} ms), so a
     * deadline that short is not cut by more than 1%. Ticks only get shorter (a plan built with a short max-duration).
     */
    static void tickWithin(long maxDurationNanos) {
        long tick = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, maxDurationNanos / 100));
        if (tick >= tickNanos && maxDurationNanos <= horizonNanos) return;
        synchronized (CallWatch.class) {
            if (tick < tickNanos) tickNanos = tick;
            if (maxDurationNanos > horizonNanos) horizonNanos = maxDurationNanos;
        }
        Thread t = watchdog;
        if (t != null) LockSupport.unpark(t); // take the shorter tick now rather than after the current one
    }

    /**
     * The start to count a deadline from, for a call whose {@link #startNanos()} was {@code start}: {@code start}
     * unless that value was stale for longer than two ticks, then the latest the call can have started (less one
     * tick), so a deadline is at most two ticks early however long the watchdog was held up, and late only by about
     * that hold-up. Read on slow paths only (a failure, the watchdog firing). {@code nowNanos}: the system clock now.
     */
    static long soundStart(long start, long nowNanos) {
        long tick = tickNanos;
        if (start == clock) return Math.max(start, nowNanos - tick); // no later tick yet: it started before now
        Long next = LATE.isEmpty() ? null : LATE.get(start);
        return next == null ? start : Math.max(start, next - tick);
    }

    private static synchronized void unreliable(boolean now) {
        unreliable = now;
        if (now) ticking = false; // the next tick turns it back on once reliable again
    }

    /** Forgets every stale tick noted (for tests that simulate many). */
    static void forgetLateTicks() {
        LATE.clear();
    }

    /** The call clock's current tick, in nanoseconds (for tests). */
    static long tickNanos() {
        return tickNanos;
    }

    /**
     * The id that names {@code time} in a slot: 0 for the system clock, a new id for any other clock (a plan takes
     * one when it is built).
     */
    static long clockId(TimeSource time) {
        if (time == SystemTimeSource.INSTANCE) return 0;
        synchronized (CLOCKS) { // plans are built in bursts on one clock: the latest one's id is reused
            java.lang.ref.WeakReference<TimeSource> latest = CLOCKS.get(latestClockId);
            if (latest != null && latest.get() == time) return latestClockId;
            CLOCKS.values().removeIf(r -> r.get() == null);
            CLOCKS.put(++latestClockId, new java.lang.ref.WeakReference<>(time));
            return latestClockId;
        }
    }

    /** The clock named {@code id}; null if it is gone (its runtime was dropped). */
    static TimeSource clockOf(long id) {
        if (id == 0) return SystemTimeSource.INSTANCE;
        java.lang.ref.WeakReference<TimeSource> r = CLOCKS.get(id);
        return r == null ? null : r.get();
    }

    /** Starts watching the call that started at {@code start}; null (free) when it has no deadline or is nested. */
    public static AtomicLongArray arm(MethodPlan plan, long start) {
        if (plan.retry == null) return null;
        AtomicLongArray slot = SLOT.get();
        if (slot.get(STATE) != IDLE) return null; // nested: the outer call's deadline stays in force
        if (slot.get(STRAY) != 0) clearStray(slot);
        slot.lazySet(CLOCK, plan.clockId); // written before the slot is armed, read after
        slot.lazySet(START, start);
        slot.lazySet(DEADLINE, deadline(plan, start));
        slot.lazySet(STATE, ARMED);
        if (watchdog == null) startWatchdog();
        return slot;
    }

    /** When a call that started at {@code start} must end: {@code start + max-duration}, saturated. */
    static long deadline(MethodPlan plan, long start) {
        long max = plan.maxDurationNanos;
        if (max == Long.MAX_VALUE) return Long.MAX_VALUE;
        long deadline = start + max;
        return ((start ^ deadline) & (max ^ deadline)) < 0 ? Long.MAX_VALUE : deadline;
    }

    /**
     * How long an attempt of a non-blocking shell may run from now: its attempt-timeout or, if sooner, what is left
     * of the call's {@code deadline}; 0 when neither applies.
     */
    static long attemptLimitNanos(MethodPlan plan, long deadline) {
        if (plan.retry == null) return 0;
        long left = Math.max(1, deadline - plan.time.nanoTime());
        long timeout = plan.attemptTimeoutNanos();
        return timeout == 0 || left < timeout ? left : timeout;
    }

    /** The failure of an attempt whose limit ({@link #attemptLimitNanos}) expired. */
    static AttemptTimeoutException expired(MethodPlan plan, long deadline) {
        return plan.time.nanoTime() - deadline >= 0 || plan.retry.attemptTimeout() == null
                ? AttemptTimeoutException.deadline(plan.methodId, plan.retry.maxDuration())
                : new AttemptTimeoutException(plan.methodId, plan.retry.attemptTimeout());
    }

    /** The watchdog fired a call as it ended: the interrupt it left on this thread was meant for that call. */
    private static void clearStray(AtomicLongArray slot) {
        slot.set(STRAY, 0);
        Thread.interrupted();
    }

    /** Whether the deadline fired; if so the interrupt it caused is cleared (once) and it stays fired. */
    static boolean consume(AtomicLongArray slot) {
        if (slot == null) return false;
        long state = slot.get(STATE);
        if (state < FIRING) return false;
        while (state == FIRING) {
            Thread.onSpinWait();
            state = slot.get(STATE);
        }
        if (state == FIRED) {
            Thread.interrupted();
            slot.set(STATE, CONSUMED);
        }
        return true;
    }

    /**
     * The call is over: stops watching it, clearing an interrupt the watchdog caused. Plain ordered writes to the
     * thread's own slot, no compare-and-set (a locked instruction would cost the happy path several nanoseconds); the
     * watchdog never overwrites an idle slot. The price, documented in docs/threads-and-shutdown.md: a call ending
     * within the nanosecond in which the watchdog fires it (only a call already past its deadline) can leave that
     * interrupt on the thread; the thread's next protected call clears it.
     */
    public static void disarm(AtomicLongArray slot) {
        if (slot == null) return;
        if (slot.get(STATE) == ARMED) {
            slot.lazySet(STATE, IDLE);
            return;
        }
        consume(slot);
        slot.lazySet(STATE, IDLE);
    }

    private static synchronized void startWatchdog() {
        if (watchdog != null) return;
        Thread t = new Thread(CallWatch::watch, "llm-retry-watchdog");
        t.setDaemon(true);
        watchdog = t;
        t.start();
    }

    /** Ends the watchdog thread (idempotent); the next call starts it again. */
    static synchronized void shutdown() {
        Thread t = watchdog;
        watchdog = null;
        ticking = false;
        if (t != null) t.interrupt();
    }

    /** Whether the watchdog keeps the call clock now (for tests). */
    static boolean ticking() {
        return ticking;
    }

    private static void watch() {
        Thread self = Thread.currentThread();
        long lastCall = System.nanoTime();
        long published = 0; // this watchdog's latest reading (one left by an earlier watchdog was fresh until it left)
        try {
            while (!self.isInterrupted()) {
                if (!tick(self)) return;
                long now = System.nanoTime(); // after publishing: calls that read the previous value did so before
                noteIfLate(published, now);
                published = clock; // only this watchdog writes it
                long sleep = scan(MAX_TICK_NANOS);
                if (clockRead || anyArmed()) {
                    clockRead = false;
                    lastCall = now;
                } else if (now - lastCall >= IDLE_NANOS && retire(self)) {
                    return;
                }
                LockSupport.parkNanos(Math.min(sleep, tickNanos));
            }
        } finally {
            synchronized (CallWatch.class) { // however it ends (even by an Error), a clock nobody keeps is not used
                if (watchdog == self) {
                    watchdog = null;
                    ticking = false;
                }
            }
        }
    }

    /**
     * Sets the call clock to the system clock if {@code self} is still the watchdog; false when it is not (it was
     * retired or shut down). Under the lock, so a watchdog that was replaced never marks the clock kept again.
     */
    private static synchronized boolean tick(Thread self) {
        if (watchdog != self) return false;
        clock = System.nanoTime();
        ticking = !unreliable;
        return true;
    }

    /**
     * Remembers {@code previous} if calls could read it for more than two ticks (it was replaced only at
     * {@code replacedAt}), and forgets entries older than any deadline that could still use them.
     */
    static void noteIfLate(long previous, long replacedAt) {
        if (previous != 0 && replacedAt - previous > 2 * tickNanos) LATE.put(previous, replacedAt);
        // a call that read a stale value started before it was replaced, so it ends by then + the longest max-duration
        if (!LATE.isEmpty()) LATE.values().removeIf(replaced -> replacedAt - replaced > horizonNanos + MAX_TICK_NANOS);
        // held up again and again (a starved machine): calls read the clock themselves until the record has drained
        int late = LATE.size();
        if (late >= MAX_LATE) unreliable(true);
        else if (unreliable && late <= MAX_LATE / 2) unreliable(false);
    }

    /** Fires every slot whose deadline has passed; returns how long to sleep until the next deadline (capped). */
    private static long scan(long cap) {
        long sleep = cap;
        for (Watched w : WATCHED) {
            if (!w.thread.isAlive()) {
                WATCHED.remove(w);
                continue;
            }
            if (w.slot.get(STATE) != ARMED) continue;
            long clockId = w.slot.get(CLOCK);
            TimeSource time = clockOf(clockId); // the clock of the runtime that armed it
            if (time == null) continue;
            long now = time.nanoTime();
            long left = w.slot.get(DEADLINE) - now;
            if (left <= 0 && clockId == 0) { // started from a stale call clock? not yet, then
                long start = w.slot.get(START);
                left += soundStart(start, now) - start;
            }
            if (left > 0) {
                sleep = Math.min(sleep, left);
            } else if (w.slot.compareAndSet(STATE, ARMED, FIRING)) {
                w.thread.interrupt();
                if (!w.slot.compareAndSet(STATE, FIRING, FIRED)) w.slot.lazySet(STRAY, 1); // the call just ended
            }
        }
        return sleep;
    }

    private static boolean anyArmed() {
        for (Watched w : WATCHED) if (w.slot.get(STATE) == ARMED) return true;
        return false;
    }

    /**
     * After a while with no protected call, the watchdog ends (an idle application keeps no thread of ours). A call
     * armed while it was leaving either saw no watchdog and starts one, or is seen by the look after the grace
     * period, which takes the watchdog back. Returns whether this thread is done.
     */
    private static boolean retire(Thread self) {
        synchronized (CallWatch.class) {
            if (watchdog != self) return true;
            watchdog = null;
            ticking = false; // calls read the clock themselves (and start a watchdog) from now on
        }
        LockSupport.parkNanos(RETIRE_GRACE_NANOS);
        if (!anyArmed() || self.isInterrupted()) return true;
        synchronized (CallWatch.class) {
            if (watchdog != null) return true;
            watchdog = self;
            return false;
        }
    }
}
