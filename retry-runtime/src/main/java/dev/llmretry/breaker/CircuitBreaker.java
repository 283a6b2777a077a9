package dev.llmretry.breaker;

import dev.llmretry.config.BreakerSettings;
import dev.llmretry.exec.TimeSource;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One circuit breaker: CLOSED → OPEN after {@code failure-threshold} consecutive counted failures (or when the
 * optional failure rate is reached), OPEN → HALF_OPEN once {@code recovery-time} has passed, HALF_OPEN → CLOSED after
 * {@code success-threshold} successful trial calls, HALF_OPEN → OPEN on a failed trial.
 *
 * <p>Thread-safe. Admitting and recording calls is lock-free: the state is one {@link AtomicReference}, changed only
 * in {@link #transition}, which takes a small per-breaker lock so that notices of state changes are queued in the
 * order the changes happened; they are delivered outside that lock. A
 * caller asks {@link #tryAcquire()} for a permit (the state object it was admitted by) and reports the outcome
 * against that permit, so a late answer from an old half-open round cannot corrupt the current one. On the success
 * path of a healthy breaker nothing is written.
 *
 * <pre>{@code
 * BreakerState permit = breaker.tryAcquire();
 * if (permit == null) failOver();                 // open, or half-open with every trial slot taken
 * try { call(); breaker.onSuccess(permit); } catch (IOException e) { breaker.onFailure(permit); }
 * }</pre>
 */
public final class CircuitBreaker {
    private final String name;
    private final Supplier<TimeSource> time;
    private final TransitionListener listener;
    private final AtomicReference<BreakerState> state;
    private volatile BreakerSettings settings;
    private volatile Object attachment;
    private final Object transitions = new Object();
    private final java.util.ArrayDeque<Runnable> pendingNotices = new java.util.ArrayDeque<>(); // guarded by transitions
    private boolean delivering; // guarded by transitions

    /**
     * Told about every state change. {@code changed} runs on the thread that made the change, right after it, and
     * returns the notice to deliver (or null); notices are delivered outside any lock, one at a time, in the order of
     * the changes, possibly by another thread that is delivering this breaker's earlier notices.
     */
    @FunctionalInterface
    public interface TransitionListener {
        Runnable changed(CircuitBreaker breaker, CircuitState from, CircuitState to, Instant retryAt);
    }

    public CircuitBreaker(String name, BreakerSettings settings, Supplier<TimeSource> time, TransitionListener listener) {
        this.name = name;
        this.settings = settings;
        this.time = time;
        this.listener = listener;
        this.state = new AtomicReference<>(new ClosedState(this, settings));
    }

    public String name() { return name; }

    /** Whatever the owner attached (the runtime attaches the endpoint this breaker guards). */
    public Object attachment() { return attachment; }

    public void attach(Object value) { this.attachment = value; }

    public BreakerSettings settings() { return settings; }

    /** New settings apply from the next state change on (a reloaded retry.yaml does not reset a breaker). */
    public void updateSettings(BreakerSettings newSettings) { this.settings = newSettings; }

    /**
     * Replaces the settings from the next call on (a reloaded retry.yaml); the circuit's state survives. A closed
     * circuit starts counting against the new thresholds at once (its count of failures so far starts again); an open
     * or half-open one keeps its current recovery time and trial round and uses the new settings from its next change.
     */
    public void reconfigure(BreakerSettings newSettings) {
        if (newSettings.equals(settings)) return;
        settings = newSettings;
        BreakerState s = state.get();
        if (s instanceof ClosedState) state.compareAndSet(s, new ClosedState(this, newSettings));
    }

    public CircuitState state() { return current().kind(); }

    /** When an open circuit admits its next trial call; {@code null} unless open. */
    public Instant retryAt() {
        BreakerState s = state.get();
        if (!(s instanceof OpenState open)) return null;
        TimeSource t = time.get();
        return t.now().plusNanos(Math.max(0, open.retryAtNanos - t.nanoTime()));
    }

    /** Counted failures in a row since the last success (kept while the circuit is open). */
    public int consecutiveFailures() {
        BreakerState s = state.get();
        if (s instanceof ClosedState c) return c.consecutiveFailures();
        if (s instanceof OpenState o) return o.consecutiveFailures;
        return ((HalfOpenState) s).consecutiveFailures();
    }

    /** The permit for one call, or {@code null} when the circuit refuses it. */
    public BreakerState tryAcquire() {
        while (true) {
            BreakerState s = state.get();
            if (s.admit()) return s;
            if (s instanceof OpenState open && time.get().nanoTime() - open.retryAtNanos >= 0) {
                transition(s, new HalfOpenState(this, settings, open.consecutiveFailures));
                continue;
            }
            return null;
        }
    }

    /** The call admitted by {@code permit} succeeded. */
    public void onSuccess(BreakerState permit) {
        if (permit.recordSuccess() && state.get() == permit) transition(permit, new ClosedState(this, settings));
    }

    /** The call admitted by {@code permit} failed with a failure that counts. Returns true if the circuit is now open. */
    public boolean onFailure(BreakerState permit) {
        if (permit.recordFailure() && state.get() == permit) {
            int failures = permit instanceof ClosedState c ? c.consecutiveFailures()
                    : permit instanceof HalfOpenState h ? h.consecutiveFailures() + 1 : 1;
            transition(permit, new OpenState(this, time.get().nanoTime() + settings.recoveryTime().toNanos(), failures));
        }
        return state.get() instanceof OpenState;
    }

    /** A failure noticed after its call had already been counted a success (a stream cut after its first element). */
    public void onLateFailure() {
        BreakerState s = state.get();
        if (s instanceof ClosedState) onFailure(s);
    }

    /** The call admitted by {@code permit} ended with a failure that says nothing about the endpoint (ABORT). */
    public void onIgnored(BreakerState permit) {
        permit.release();
    }

    /** Closes the circuit by hand ({@code LlmResilience.reset(name)}). */
    public void reset() {
        BreakerState s = state.get();
        if (!(s instanceof ClosedState c && c.consecutiveFailures() == 0)) transition(s, new ClosedState(this, settings));
    }

    /** Forces the circuit open until {@code retryAtNanos} (used to restore persisted health). */
    public void forceOpenUntil(long retryAtNanos) {
        transition(state.get(), new OpenState(this, retryAtNanos, settings.failureThreshold()));
    }

    /**
     * The one place the state changes. Losing a race is fine: someone else made a transition from the same state.
     * Changes and their notifications are serialized per breaker (state changes are rare; admitting and recording
     * calls never take this lock), so listeners see one breaker's changes in the order they happened: without it, a
     * thread preempted between its change and its notification let a later change be reported first.
     */
    private void transition(BreakerState from, BreakerState to) {
        synchronized (transitions) {
            if (!state.compareAndSet(from, to) || from.kind() == to.kind()) return;
            Runnable notice = listener.changed(this, from.kind(), to.kind(), to instanceof OpenState ? retryAt() : null);
            if (notice != null) pendingNotices.add(notice);
            if (delivering || pendingNotices.isEmpty()) return; // the thread delivering will deliver this one too
            delivering = true;
        }
        deliverNotices();
    }

    /** Delivers queued notices in order, outside the lock; only one thread delivers at a time. */
    private void deliverNotices() {
        boolean drained = false;
        try {
            while (true) {
                Runnable next;
                synchronized (transitions) {
                    next = pendingNotices.poll();
                    if (next == null) {
                        delivering = false;
                        drained = true;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    // a broken notice must not hold back the ones after it (the runtime's notices never throw)
                }
            }
        } finally {
            if (!drained) {
                synchronized (transitions) {
                    delivering = false;
                }
            }
        }
    }

    private BreakerState current() {
        BreakerState s = state.get();
        if (s instanceof OpenState open && time.get().nanoTime() - open.retryAtNanos >= 0) {
            return new HalfOpenState(this, settings, open.consecutiveFailures); // the next call will probe it
        }
        return s;
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }
}
