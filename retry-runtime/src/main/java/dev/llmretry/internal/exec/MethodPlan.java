package dev.llmretry.internal.exec;

import dev.llmretry.AttemptTimeoutException;
import dev.llmretry.time.TimeSource;

import dev.llmretry.Endpoint;
import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.classify.FailureClassifier;
import dev.llmretry.internal.config.CallRule;
import dev.llmretry.internal.config.DeclaredCall;
import dev.llmretry.internal.config.ResultTypes;
import dev.llmretry.internal.config.RetrySettings;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.internal.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Everything one protected method needs at run time, resolved once: its retry policy (or none), its targets in
 * preference order, the failover strategy, its classifier, and where its {@code Endpoint} parameter is. The happy
 * path ({@link #enter}, {@link #succeeded}) allocates nothing and writes nothing shared unless state must change;
 * the first failure hands over to a {@link CallState}. Immutable; thread-safe.
 *
 * <pre>{@code
 * MethodPlan plan = runtime.plans().of(method);              // the sync loop, as SyncCall and the advice run it
 * long start = plan.start(), callId = plan.started();
 * Object permit = plan.enter(callId);
 * CallState call = null;                                      // until the first failure: nothing allocated
 * while (true) {
 *     try { result = body(plan.endpoint(permit)); }
 *     catch (Throwable t) { call = plan.failed(call, permit, start, callId, null, null, t); permit = call.permit(); continue; }
 *     plan.succeeded(call, permit, start, callId);
 *     return result;
 * }
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
    /** Whether {@link #time} is the system clock, whose call starts come from the watchdog's call clock. */
    private final boolean systemClock;
    /** How {@link CallWatch} names {@link #time} in a thread's slot. */
    final long clockId;
    /** The policy's max-duration in nanoseconds; {@code Long.MAX_VALUE} without a retry policy. */
    final long maxDurationNanos;
    private final long attemptTimeoutNanos;
    private final FaultInjector faults;
    private final RuntimeException error;
    final TargetOrder order;

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
        this.systemClock = time == SystemTimeSource.INSTANCE;
        this.clockId = CallWatch.clockId(time);
        this.maxDurationNanos = retry == null ? Long.MAX_VALUE : retry.maxDuration().toNanos(); // parsing caps it
        if (systemClock && retry != null) CallWatch.tickWithin(maxDurationNanos);
        this.attemptTimeoutNanos = retry == null || retry.attemptTimeout() == null ? 0 : retry.attemptTimeout().toNanos();
        this.faults = runtime.faultInjector();
        this.order = new TargetOrder(targets, strategy);
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
        this.systemClock = false;
        this.clockId = CallWatch.clockId(time);
        this.maxDurationNanos = Long.MAX_VALUE;
        this.attemptTimeoutNanos = 0;
        this.faults = null;
        this.order = new TargetOrder(targets, strategy);
        this.error = error;
    }

    /** {@code "com.acme.Chat#ask"}. */
    public String methodId() { return methodId; }

    /** Index of the {@code Endpoint} parameter, or -1. */
    public int endpointParameter() { return endpointParameter; }

    /** The plan of the woven method at {@code joinPoint}: one hash lookup. Woven ABI. */
    public static MethodPlan of(org.aspectj.lang.JoinPoint.StaticPart joinPoint) {
        return LlmRuntime.get().plans().of(joinPoint);
    }

    /**
     * What a woven method whose {@code Endpoint} parameter lies past the ones the advice can rebind fails with, before
     * its body runs: the sentence retry-processor reports for it at compile time (LLMR-013), from the same rule. The
     * advice's guards are inlined, so a woven class calls this itself: woven ABI since v2.
     */
    public static IllegalStateException endpointTooFar(org.aspectj.lang.JoinPoint.StaticPart joinPoint) {
        java.lang.reflect.Method m = CallSpec.method(joinPoint);
        int count = (int) java.util.Arrays.stream(m.getParameterTypes()).filter(t -> t == Endpoint.class).count();
        DeclaredCall call = DeclaredCall.builder(CallSpec.methodId(m), DeclaredCall.Source.ANNOTATIONS).endpointParameters(PlanFactory.endpointParameter(m), count).build();
        return call.parameterProblems().stream().filter(p -> p.rule() == CallRule.ENDPOINT_POSITION)
                .map(p -> new IllegalStateException(p.message())).findFirst()
                .orElseThrow(() -> new IllegalStateException(joinPoint.getSignature().toLongString()
                        + ": woven with a guard against an Endpoint parameter it does not have"));
    }

    /**
     * What a woven method whose declared result type the shells cannot follow fails with, before its body runs: the
     * sentence retry-processor reports for it at compile time (LLMR-017), from the same rule ({@link ResultTypes}).
     * The advice's guard is inlined, so a woven class calls this itself: woven ABI since v2.
     */
    public static UnsupportedOperationException unsupportedResult(org.aspectj.lang.JoinPoint.StaticPart joinPoint) {
        java.lang.reflect.Method m = CallSpec.method(joinPoint);
        String methodId = CallSpec.methodId(m);
        String problem = ResultTypes.problem(methodId, m.getReturnType(), ResultShape.REACTOR_ADVICE_PRESENT);
        return new UnsupportedOperationException(problem != null ? problem : methodId + " returns "
                + m.getReturnType().getName() + ", which this version of llm-retry protects, but the class was woven "
                + "with a guard against it by another version. Weave the class again.");
    }

    /**
     * The call's start on the library's clock: on the system clock, the watchdog's call clock (at most one tick early,
     * so a deadline never ends late; see {@link CallWatch}), any other clock read as is. Woven ABI.
     */
    public long start() {
        return systemClock ? CallWatch.startNanos() : time.nanoTime();
    }

    /**
     * The start to count {@code max-duration} from, for a call that began at {@code start} (from {@link #start()}):
     * at most two ticks of the call clock earlier than its true start, even if the watchdog was kept from running
     * meanwhile ({@link CallWatch#soundStart}); {@code start} itself on any other clock.
     */
    long soundStart(long start, long nowNanos) {
        return systemClock ? CallWatch.soundStart(start, nowNanos) : start;
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
        return admit(callId);
    }

    /** {@link #enter}, typed. */
    Permit admit(long callId) {
        if (error != null) throw error;
        Permit permit = order.enter(time);
        if (permit != null) return permit;
        throw unavailable(callId);
    }

    /** Runs the test harness's fault injection for the attempt admitted by {@code permit}; free in production. */
    public void inject(Object permit) {
        if (faults != null) injectNow(Permit.of(permit).target.name);
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

    /** The endpoint to inject for the attempt admitted by {@code permit}. */
    public Endpoint endpoint(Object permit) {
        return Permit.of(permit).target.endpoint;
    }

    /**
     * The attempt just made succeeded: the first one ({@code call == null}, nothing allocated) or a later one. Woven
     * ABI.
     */
    public void succeeded(CallState call, Object permit, long start, long callId) {
        if (call != null) call.succeeded();
        else firstSucceeded(null, Permit.of(permit), start, callId);
    }

    /** The first attempt succeeded; {@code call} is the call's state if it has one already (async shells). */
    void firstSucceeded(CallState call, Permit permit, long start, long callId) {
        if (permit.isTrial()) { // may close the circuit: the event names this call
            permit.succeeded(start, call != null ? call : new CallState(this, permit, start, callId));
        } else {
            permit.succeeded(start, call); // a closed circuit stays closed; nothing to name
        }
        if (runtime.listeners().successWanted()) {
            runtime.listeners().emit(new CallSucceeded(callIdOr(callId), methodId, time.now(), permit.target.name, 1,
                    false));
        }
    }

    /**
     * The attempt just made failed with {@code failure}: classifies and records it, then waits (sleeping, on the
     * calling thread) for the next attempt and takes its permit, {@link CallState#permit()}. The call's state is
     * created at its first failure ({@code call == null} before). Woven ABI.
     *
     * @return the call's state, holding the next attempt's permit
     * @throws Throwable (unchecked) the call's last failure when it ends: abort, exhausted, deadline, no endpoint
     */
    public CallState failed(CallState call, Object permit, long start, long callId, AttemptTimer timer,
                            AtomicLongArray watch, Throwable failure) {
        Throwable f = AttemptTimer.failed(this, timer, watch, failure);
        if (call == null) call = new CallState(this, Permit.of(permit), start, callId);
        call.failed(f);
        AttemptTimer.awaitNext(this, call, watch);
        return call;
    }

    /** Starts watching the call's {@code max-duration} on this thread; null (free) without a deadline. Woven ABI. */
    public AtomicLongArray watch(long start) {
        return CallWatch.arm(this, start);
    }

    /** The call is over, however it ended: stops watching it. Woven ABI. */
    public void unwatch(AtomicLongArray watch) {
        CallWatch.disarm(watch);
    }

    /**
     * The body returned {@code result}: throws an {@link AttemptTimeoutException} (after closing a closeable result)
     * if the attempt-timeout or the deadline fired meanwhile, so the result is treated as a failed attempt. Woven ABI.
     */
    public void ended(AttemptTimer timer, AtomicLongArray watch, Object result) {
        AttemptTimer.ended(this, timer, watch, result);
    }

    /**
     * A call whose state exists from the start, for the shells that allocate anyway (async, streams, publishers,
     * {@link SyncCall} callers do not need it): takes the first permit.
     *
     * @throws EndpointsUnavailableException when every circuit is open
     */
    CallState begin() {
        long start = time.nanoTime(); // these shells allocate anyway: the exact start costs them nothing that matters
        long callId = started();
        return new CallState(this, admit(callId), start, callId);
    }

    private EndpointsUnavailableException unavailable(long callId) {
        EndpointsUnavailableException e = describeUnavailable();
        runtime.listeners().emit(new CallExhausted(callIdOr(callId), methodId, time.now(), 0,
                e.endpoints().stream().map(EndpointsUnavailableException.EndpointState::name).toList(),
                CallExhausted.Reason.ALL_CIRCUITS_OPEN, e, e.getMessage()));
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
