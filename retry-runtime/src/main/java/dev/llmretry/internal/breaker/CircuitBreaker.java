package dev.llmretry.internal.breaker;

import dev.llmretry.breaker.CircuitState;

import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.time.TimeSource;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One circuit breaker, guarding one endpoint (or one named dependency). It isolates an endpoint that is failing and
 * never one that is merely flaky:
 * <ul>
 *   <li>CLOSED → OPEN after {@code failure-threshold} consecutive counted failures while at least
 *       {@code min-failure-rate} of the endpoint's recent requests ({@link RecentOutcomes}, the health window) failed,
 *       or after {@code outage-threshold} consecutive failures whatever the rate (or when the optional count-window
 *       rate is reached). With 15% random failures three in a row happen every few hundred requests; they no longer
 *       open the circuit, because the recent failure rate stays far below 50%.</li>
 *   <li>OPEN for {@code recovery-time} when the endpoint answered nothing in the window (down), else for
 *       {@code min-recovery-time} (overloaded), doubling with every failed probing round up to
 *       {@code recovery-time}. Then HALF_OPEN: at most {@code half-open-max-calls} trial calls;
 *       {@code success-threshold} successes close it, one failure reopens it.</li>
 *   <li>While OPEN, {@link #tryProbe()} lets a last-resort probe through at most twice a second, for calls whose
 *       every circuit is open; a successful probe closes the circuit at once (when every endpoint was isolated, one
 *       answer is enough: waiting for more trials would refuse the calls in between).</li>
 *   <li>A streak does not count while more of the endpoint's requests are still outstanding than the streak is long
 *       (fast errors arrive before slow answers after a start or a burst), for at most 30 s.</li>
 *   <li>{@link #tryRetry} keeps retries on the endpoint within its {@link RetryBudget}.</li>
 * </ul>
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
    /** The longest a streak waits for outstanding outcomes before it may open the circuit. */
    static final long MAX_WAIT_FOR_IN_FLIGHT_NANOS = 30_000_000_000L;

    private final String name;
    private final Supplier<TimeSource> time;
    private final TransitionListener listener;
    private final AtomicReference<BreakerState> state;
    private final RecentOutcomes recent;
    private final RetryBudget budget;
    /** Permits handed out and permits given back unused: with the recorded outcomes they tell what is in flight. */
    private final LongAdder admitted = new LongAdder();
    private final LongAdder released = new LongAdder();
    private volatile BreakerSettings settings;
    /** Asked before an open circuit admits its recovery trial (a fleet's probe lease); only on that path. */
    private volatile java.util.function.BooleanSupplier trialGate = () -> true;
    /** Told about failures in a row while closed, and about the success that ends them (never on the happy path). */
    private volatile StreakListener streakListener = StreakListener.NONE;
    private final Object transitions = new Object();
    private final OrderedNotices notices = new OrderedNotices();

    /**
     * Told about every state change. {@code changed} runs on the thread that made the change, right after it, and
     * returns the notice to deliver (or null); notices are delivered outside any lock, one at a time, in the order of
     * the changes, possibly by another thread that is delivering this breaker's earlier notices, or by a background
     * thread when a caller has delivered its share ({@link OrderedNotices}).
     */
    @FunctionalInterface
    public interface TransitionListener {
        Runnable changed(CircuitBreaker breaker, CircuitState from, CircuitState to, Instant retryAt, Caller caller);
    }

    /**
     * The call on whose behalf an outcome is recorded, so that a state change it causes names it: passed with the
     * outcome (never looked up from a thread-local). {@code null} where no call is known (a manual reset, a restore).
     */
    public interface Caller {
        /** The call's id (assigned on first use). */
        long callId();

        /** The protected method or call name. */
        String method();
    }

    /** A breaker that knows nothing of its endpoint's other traffic: consecutive failures alone open it. */
    public CircuitBreaker(String name, BreakerSettings settings, Supplier<TimeSource> time, TransitionListener listener) {
        this(name, settings, time, listener, RecentOutcomes.NONE);
    }

    /** A breaker that weighs {@code recent} (the endpoint's health window) before isolating the endpoint. */
    public CircuitBreaker(String name, BreakerSettings settings, Supplier<TimeSource> time, TransitionListener listener,
                          RecentOutcomes recent) {
        this.name = name;
        this.settings = settings;
        this.time = time;
        this.listener = listener;
        this.recent = recent;
        this.budget = new RetryBudget(recent);
        this.state = new AtomicReference<>(new ClosedState(this, settings));
    }

    public String name() { return name; }

    /**
     * Lets {@code gate} decide whether this instance sends the recovery trial once the open time is over (a shared
     * store grants one instance of a fleet the probe); while it says no, the circuit stays open. Asked only then.
     */
    public void trialGate(java.util.function.BooleanSupplier gate) { this.trialGate = gate; }

    /** Told, while the circuit is closed, about each counted failure and about the success that ends a run of them. */
    public interface StreakListener {
        /** Nobody listens. */
        StreakListener NONE = new StreakListener() {
            @Override public void failed() { }
            @Override public void ended() { }
        };

        /** A counted failure while closed (the failure path). */
        void failed();

        /** A success after failures in a row (not called for a success that follows a success). */
        void ended();
    }

    /** Lets {@code listener} see this closed circuit's failures in a row (a fleet's store counts the fleet's). */
    public void streakListener(StreakListener listener) { this.streakListener = listener; }

    StreakListener streak() { return streakListener; }

    public BreakerSettings settings() { return settings; }

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
        return state.get().consecutiveFailures();
    }

    /** The permit for one call, or {@code null} when the circuit refuses it. */
    public BreakerState tryAcquire() {
        while (true) {
            BreakerState s = state.get();
            if (s.admit()) {
                admitted.increment();
                return s;
            }
            if (s instanceof OpenState open && open.trialDue(time.get().nanoTime())) { // only open reads the clock
                if (!trialGate.getAsBoolean()) return null;
                transition(s, open.trial(settings), null);
                continue;
            }
            return null;
        }
    }

    /**
     * A last-resort probe for a call whose every circuit is open: admitted at most twice a second while this circuit
     * is open (never in its first half second), {@code null} otherwise. Its success closes the circuit; its failure
     * changes nothing.
     */
    public BreakerState tryProbe() {
        BreakerState s = state.get();
        if (!(s instanceof OpenState open) || !open.admitProbe(time.get().nanoTime())) return null;
        admitted.increment();
        return s;
    }

    /** When an open circuit admits its next last-resort probe; {@code null} unless open. */
    public Instant nextProbeAt() {
        BreakerState s = state.get();
        if (!(s instanceof OpenState open)) return null;
        TimeSource t = time.get();
        long at = Math.min(open.nextProbeNanos(), open.retryAtNanos);
        return t.now().plusNanos(Math.max(0, at - t.nanoTime()));
    }

    /** Takes a retry on this endpoint from its retry budget; false when the budget is spent (fail over instead). */
    public boolean tryRetry(long nowNanos) {
        return budget.tryRetry(nowNanos, settings);
    }

    /** Retries on this endpoint in the health window ending at {@code nowNanos}. */
    public int retriesInWindow(long nowNanos) {
        return budget.used(nowNanos);
    }

    /**
     * Whether {@code streak} consecutive failures (at least {@code failure-threshold}) show a failing endpoint rather
     * than a flaky one: the streak reached {@code outage-threshold}, or the recent failure rate is at least
     * {@code min-failure-rate}.
     */
    boolean warrantsIsolation(int streak, long streakStartNanos) {
        BreakerSettings s = settings;
        long now = time.get().nanoTime();
        if (inFlight() > streak && now - streakStartNanos < MAX_WAIT_FOR_IN_FLIGHT_NANOS) return false;
        if (streak >= s.outageThreshold() || Double.isNaN(s.minFailureRate())) return true;
        return recent.failureRate(now) >= s.minFailureRate();
    }

    /**
     * Requests admitted whose outcome is not known yet. Errors often come back much faster than answers (a 503 in
     * 50 ms, an answer in seconds), so right after a start or a burst the first outcomes are all failures while the
     * answers are still on their way: a streak that more requests are still outstanding than it is long is not yet
     * evidence (at most {@link #MAX_WAIT_FOR_IN_FLIGHT_NANOS}, so a lost outcome cannot keep a circuit closed for ever).
     */
    public long inFlight() {
        long completed = recent.completed();
        return completed < 0 ? 0 : Math.max(0, admitted.sum() - released.sum() - completed);
    }

    long nowNanos() {
        return time.get().nanoTime();
    }

    /** How long a circuit opened now stays open: the full recovery-time for an endpoint that answered nothing. */
    private long firstOpenNanos(long nowNanos) {
        BreakerSettings s = settings;
        long full = s.recoveryTime().toNanos();
        boolean answeredSome = recent.failureRate(nowNanos) < 1.0;
        return answeredSome ? Math.min(full, s.minRecoveryTime().toNanos()) : full;
    }

    /** The call admitted by {@code permit} succeeded. */
    public void onSuccess(BreakerState permit) {
        onSuccess(permit, null);
    }

    /** The call admitted by {@code permit} succeeded; {@code caller} is named if this closes the circuit. */
    public void onSuccess(BreakerState permit, Caller caller) {
        if (permit.recordSuccess() && state.get() == permit) transition(permit, new ClosedState(this, settings), caller);
    }

    /** The call admitted by {@code permit} failed with a failure that counts. Returns true if the circuit is now open. */
    public boolean onFailure(BreakerState permit) {
        return onFailure(permit, null);
    }

    /** As {@link #onFailure(BreakerState)}; {@code caller} is named if this opens the circuit. */
    public boolean onFailure(BreakerState permit, Caller caller) {
        if (permit.recordFailure() && state.get() == permit) {
            long now = time.get().nanoTime();
            transition(permit, permit.opened(now, this::firstOpenNanos), caller);
        }
        return state.get() instanceof OpenState;
    }

    /** A failure noticed after its call had already been counted a success (a stream cut after its first element). */
    public void onLateFailure(Caller caller) {
        BreakerState s = state.get();
        if (s instanceof ClosedState) onFailure(s, caller);
    }

    /** The call admitted by {@code permit} made no attempt (it was cancelled first): the permit is given back. */
    public void onReleased(BreakerState permit) {
        released.increment();
        permit.release();
    }

    /** The call admitted by {@code permit} ended with a failure that says nothing about the endpoint (ABORT). */
    public void onIgnored(BreakerState permit) {
        permit.release();
    }

    /** Closes the circuit by hand ({@code LlmResilience.reset(name)}). */
    public void reset() {
        BreakerState s = state.get();
        if (!(s instanceof ClosedState c && c.consecutiveFailures() == 0)) transition(s, new ClosedState(this, settings), null);
    }

    /** Forces the circuit open until {@code retryAtNanos} (used to restore persisted health). */
    public void forceOpenUntil(long retryAtNanos) {
        forceOpenUntil(retryAtNanos, 0);
    }

    /**
     * Forces the circuit open until {@code retryAtNanos}, as an opening of {@code openNanos} (at least the time left):
     * a failed trial afterwards opens it for twice that (another instance of a fleet opened it that long).
     */
    public void forceOpenUntil(long retryAtNanos, long openNanos) {
        long now = time.get().nanoTime();
        long left = Math.max(0, retryAtNanos - now);
        transition(state.get(), new OpenState(this, now, left, settings.failureThreshold(), Math.max(left, openNanos)), null);
    }

    /**
     * The one place the state changes. Losing a race is fine: someone else made a transition from the same state.
     * Changes and their notifications are serialized per breaker (state changes are rare; admitting and recording
     * calls never take this lock), so listeners see one breaker's changes in the order they happened: without it, a
     * thread preempted between its change and its notification let a later change be reported first.
     */
    private void transition(BreakerState from, BreakerState to, Caller caller) {
        synchronized (transitions) {
            if (!state.compareAndSet(from, to) || from.kind() == to.kind()) return;
            notices.add(listener.changed(this, from.kind(), to.kind(), to instanceof OpenState ? retryAt() : null, caller));
        }
        notices.deliver();
    }

    private BreakerState current() {
        BreakerState s = state.get();
        if (s instanceof OpenState open && open.trialDue(time.get().nanoTime())) {
            return open.trial(settings); // the next call probes it
        }
        return s;
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }
}
