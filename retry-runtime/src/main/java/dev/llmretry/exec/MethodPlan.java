package dev.llmretry.exec;

import dev.llmretry.Endpoint;
import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.breaker.BreakerState;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.classify.FailureClassifier;
import dev.llmretry.config.RetrySettings;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one protected method needs at run time, resolved once: its retry policy (or none), its targets in
 * preference order, the failover strategy, its classifier, and where its {@code Endpoint} parameter is. The happy
 * path ({@link #enter}, {@link #succeeded}) allocates nothing and writes nothing shared unless state must change;
 * the first failure hands over to a {@link CallState}. Immutable; thread-safe.
 *
 * <pre>{@code
 * MethodPlan plan = runtime.plans().of(method);
 * long start = plan.start();
 * long callId = plan.started();
 * Object permit = plan.enter(callId);
 * try { result = body(plan.endpoint(permit)); } catch (Throwable t) { CallState call = plan.failed(permit, start, callId, t); ... }
 * plan.succeeded(permit, start, callId);
 * }</pre>
 */
public final class MethodPlan {
    final String methodId;
    final RetrySettings retry;
    final Backoff backoff;
    final int maxAttempts;
    final Target[] targets;
    final FailoverStrategy strategy;
    final FailureClassifier classifier;
    final int endpointParameter;
    final LlmRuntime runtime;
    final TimeSource time;
    private final long attemptTimeoutNanos;
    private final FaultInjector faults;
    private final RuntimeException error;
    private final AtomicInteger roundRobin = new AtomicInteger();

    MethodPlan(String methodId, RetrySettings retry, int maxAttempts, Target[] targets, FailoverStrategy strategy,
               FailureClassifier classifier, int endpointParameter, LlmRuntime runtime) {
        this.methodId = methodId;
        this.retry = retry;
        this.backoff = retry == null ? null : Backoff.of(retry);
        this.maxAttempts = maxAttempts;
        this.targets = targets;
        this.strategy = strategy;
        this.classifier = classifier;
        this.endpointParameter = endpointParameter;
        this.runtime = runtime;
        this.time = runtime.time();
        this.attemptTimeoutNanos = retry == null || retry.attemptTimeout() == null ? 0 : retry.attemptTimeout().toNanos();
        this.faults = runtime.faultInjector();
        this.error = null;
    }

    /** A plan that could not be built: every call fails with {@code error}, which says what to fix. */
    MethodPlan(String methodId, RuntimeException error, LlmRuntime runtime) {
        this.methodId = methodId;
        this.retry = null;
        this.backoff = null;
        this.maxAttempts = 0;
        this.targets = new Target[0];
        this.strategy = FailoverStrategy.PRIORITY;
        this.classifier = null;
        this.endpointParameter = -1;
        this.runtime = runtime;
        this.time = runtime.time();
        this.attemptTimeoutNanos = 0;
        this.faults = null;
        this.error = error;
    }

    /** {@code "com.acme.Chat#ask"}. */
    public String methodId() { return methodId; }

    /** Index of the {@code Endpoint} parameter, or -1. */
    public int endpointParameter() { return endpointParameter; }

    /** The call's start on the library's clock. */
    public long start() {
        return time.nanoTime();
    }

    /**
     * The call begins: a {@link dev.llmretry.event.CallStarted} when a listener wants one. Returns the call's id for
     * the events that follow, or 0 (no event, nothing allocated) when no listener wants call starts.
     */
    public long started() {
        if (!runtime.listeners().startWanted()) return 0;
        long id = runtime.nextCallId();
        runtime.listeners().emit(new dev.llmretry.event.CallStarted(id, methodId, time.now()));
        return id;
    }

    long callIdOr(long callId) {
        return callId != 0 ? callId : runtime.nextCallId();
    }

    /**
     * A permit for the first attempt on the first target the strategy prefers whose circuit admits it.
     *
     * @param callId from {@link #started()}
     * @throws EndpointsUnavailableException when every circuit is open
     */
    public Object enter(long callId) {
        if (error != null) throw error;
        int n = targets.length;
        int first = strategy == FailoverStrategy.ROUND_ROBIN && n > 1 ? Math.floorMod(roundRobin.getAndIncrement(), n)
                : strategy == FailoverStrategy.SUCCESS_RATE && n > 1 ? Strategies.bestByRate(targets, time.nanoTime())
                : 0;
        Object permit = targets[first].tryAcquire();
        if (permit != null) return permit;
        for (int i = 1; i < n; i++) {
            permit = targets[(first + i) % n].tryAcquire();
            if (permit != null) return permit;
        }
        permit = lastResortProbe();
        if (permit != null) return permit;
        throw unavailable(callId);
    }

    /**
     * Every circuit is open: a last-resort probe to the endpoint due soonest whose probe slot is free (each endpoint
     * admits at most two a second), so the end of a total outage is noticed within about a second instead of a
     * whole recovery-time; {@code null} when no endpoint admits one now.
     */
    private Object lastResortProbe() {
        Target[] byDue = targets.clone();
        java.util.Arrays.sort(byDue, java.util.Comparator.comparing(Target::retryAt));
        for (Target t : byDue) {
            Object probe = t.tryProbe();
            if (probe != null) return probe;
        }
        return null;
    }

    /** Runs the test harness's fault injection for the attempt admitted by {@code permit}; free in production. */
    public void inject(Object permit) {
        if (faults != null) injectNow(Target.of(permit).name);
    }

    void injectNow(String endpoint) {
        try {
            faults.beforeAttempt(methodId, endpoint);
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        }
    }

    /** The policy's attempt-timeout in nanoseconds; 0 for none. */
    long attemptTimeoutNanos() {
        return attemptTimeoutNanos;
    }

    /** Starts the attempt-timeout clock of a blocking attempt; {@code null} (free) when the policy sets none. */
    public AttemptTimer armTimer() {
        return attemptTimeoutNanos == 0 ? null : new AttemptTimer(time, attemptTimeoutNanos);
    }

    /** Stops the attempt's timer after a success. */
    public void disarm(AttemptTimer timer) {
        if (timer != null) timer.disarm();
    }

    /** The failure to report for an attempt: an {@link AttemptTimeoutException} if its timer fired. */
    public Throwable timedOut(AttemptTimer timer, Throwable failure) {
        if (timer == null || !timer.disarm()) return failure;
        AttemptTimeoutException e = new AttemptTimeoutException(methodId, retry.attemptTimeout());
        e.initCause(failure);
        return e;
    }

    /** The call was cancelled before its first attempt: gives the permit from {@link #enter()} back. */
    public void abandon(Object permit) {
        Target.of(permit).release(permit);
    }

    /** The endpoint to inject for the attempt admitted by {@code permit}. */
    public Endpoint endpoint(Object permit) {
        return Target.of(permit).endpoint;
    }

    /** The first attempt succeeded. */
    public void succeeded(Object permit, long start, long callId) {
        Target t = Target.of(permit);
        if (permit instanceof BreakerState s && s.isTrial()) {
            CallState.recordTrialSuccess(this, t, permit, start, callId);
        } else {
            t.succeeded(permit, start);
        }
        if (runtime.listeners().successWanted()) {
            runtime.listeners().emit(new CallSucceeded(callIdOr(callId), methodId, time.now(), t.name, 1, false));
        }
    }

    /** The first attempt failed: from here a {@link CallState} decides. Throws when the call ends now. */
    public CallState failed(Object permit, long start, long callId, Throwable failure) {
        CallState call = new CallState(this, permit, start, callId);
        call.failed(failure);
        return call;
    }

    private EndpointsUnavailableException unavailable(long callId) {
        EndpointsUnavailableException e = describeUnavailable();
        runtime.listeners().emit(new CallExhausted(callIdOr(callId), methodId, time.now(), 0,
                e.endpoints().stream().map(EndpointsUnavailableException.EndpointState::name).toList(),
                "all_circuits_open", e, e.getMessage()));
        return e;
    }

    /** Which targets refuse calls right now, until when, and when the next last-resort probe may go. */
    EndpointsUnavailableException describeUnavailable() {
        List<EndpointsUnavailableException.EndpointState> states = new ArrayList<>();
        java.time.Instant nextProbe = null;
        for (Target t : targets) {
            states.add(new EndpointsUnavailableException.EndpointState(t.name,
                    t.breaker == null ? CircuitState.CLOSED : t.breaker.state(),
                    t.breaker == null ? null : t.breaker.retryAt()));
            java.time.Instant p = t.breaker == null ? null : t.breaker.nextProbeAt();
            if (p != null && (nextProbe == null || p.isBefore(nextProbe))) nextProbe = p;
        }
        return new EndpointsUnavailableException(methodId, states, nextProbe);
    }

    @Override
    public String toString() {
        return "MethodPlan[" + methodId + (error != null ? ", broken: " + error.getMessage() : ", attempts "
                + maxAttempts + ", targets " + java.util.Arrays.stream(targets).map(t -> t.name).toList()) + "]";
    }
}
