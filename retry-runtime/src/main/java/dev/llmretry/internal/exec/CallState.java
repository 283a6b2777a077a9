package dev.llmretry.internal.exec;

import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.event.CallExhausted.Reason;
import dev.llmretry.Endpoint;
import dev.llmretry.classify.Classification;
import dev.llmretry.classify.Decision;
import dev.llmretry.event.CallAborted;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.RetryScheduled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's state: created at its first failure by the sync loop ({@link MethodPlan#failed}), or at its start by
 * the shells that allocate anyway ({@code MethodPlan.begin()}); the single "what happens next" logic shared by the
 * sync, async and streaming shells. {@link #failed} classifies a failure, records it, and either throws (abort, exhausted, deadline, no
 * endpoint left) or leaves a next step: retry the same endpoint after {@link #delayNanos()}, or go to the next
 * endpoint now. The shell waits (sleeping or scheduling) and calls {@link #acquireNext()} before the next attempt.
 * Used by one call at a time (never concurrently).
 *
 * <pre>{@code
 * CallState call = plan.begin();                              // the first permit (async shells)
 * while (true) {
 *     try { result = body(call.endpoint()); } catch (Throwable t) { call.failed(t); call.awaitNext(); continue; }
 *     call.succeeded();                                         // failed() throws when the call is over
 *     return result;
 * }
 * }</pre>
 */
public final class CallState implements CircuitBreaker.Caller {
    private static final Logger LOG = LoggerFactory.getLogger("dev.llmretry");

    final MethodPlan plan;
    private final long startNanos;
    private final boolean[] tried;
    private final List<Throwable> failures = new ArrayList<>(4);
    private final List<String> endpointsTried = new ArrayList<>(4);
    private Target current;
    private Permit permit;
    private int attempts;
    private int retriesHere;
    private long previousDelay;
    private long delayNanos;
    private boolean sameEndpointNext;
    private boolean failedOver;
    private boolean permitUnused;
    private final boolean probe;
    private long callId;

    CallState(MethodPlan plan, Permit permit, long startNanos, long callId) {
        this.plan = plan;
        this.callId = callId;
        this.permit = permit;
        this.current = permit.target;
        this.startNanos = startNanos;
        this.tried = new boolean[plan.targets.length];
        this.probe = permit.isProbe();
        this.permitUnused = true; // until the first attempt's outcome is recorded
        markTried(current);
    }

    @Override
    public long callId() {
        if (callId == 0) callId = plan.runtime.nextCallId();
        return callId;
    }

    @Override
    public String method() {
        return plan.methodId;
    }

    /** When the call started, on the library's clock. */
    long startNanos() { return startNanos; }

    /** The permit of the next attempt, opaque (woven ABI: the sync advice's loop carries it). */
    public Object permit() { return permit; }

    /** The endpoint to inject into the next attempt. */
    public Endpoint endpoint() { return current.endpoint; }

    Target target() { return current; }

    /** Fault injection before the next attempt (test harness only). */
    public void inject() {
        plan.inject(permit);
    }

    /** How long to wait before the next attempt (0 for a failover). */
    public long delayNanos() { return delayNanos; }

    /** Attempts made so far. */
    public int attempts() { return attempts; }

    /** The attempt just made failed with {@code failure}. Returns if there is a next attempt; throws otherwise. */
    public void failed(Throwable failure) {
        permitUnused = false;
        attempts++;
        Classification c = classify(failure);
        long now = plan.time.nanoTime();
        String summary = plan.runtime.redactor().summary(failure);
        if (c.decision() == Decision.ABORT) {
            permit.ignored();
            LOG.warn("Attempt {}/{} failed on {}: {}. Not retried: {} ({})", attempts, plan.maxAttempts, current.name,
                    summary, c.reason(), plan.methodId);
            plan.runtime.listeners().emit(new CallAborted(callId(), plan.methodId, plan.time.now(), attempts,
                    current.name, c.reason(), failure, summary));
            throw Sneaky.rethrow(failure);
        }
        failures.add(failure);
        boolean open = permit.failed(now, summary, plan.time.now(), this);
        if (attempts >= plan.maxAttempts) throw exhausted(Reason.ATTEMPTS_EXHAUSTED, null);
        if (now - deadlineNanos(now) >= 0) throw exhausted(Reason.DEADLINE, null);
        if (probe) throw exhausted(Reason.PROBE_FAILED, null); // a last-resort probe gets one attempt
        Decision decision = plan.retry == null ? Decision.FAILOVER : c.decision();
        String reason = c.reason();
        if (decision == Decision.RETRY) {
            Duration hint = c.retryAfter();
            if (open) {
                decision = Decision.FAILOVER;
                reason = "circuit_open";
            } else if (hint != null && hint.compareTo(plan.retry.maxRetryAfter()) > 0) {
                decision = Decision.FAILOVER;
                reason = "retry_after_too_long";
            } else {
                retryOrMoveOn(failure, summary, c, hint, now);
                return;
            }
        }
        failOver(failure, summary, reason, now);
    }

    /**
     * A retryable failure on an endpoint whose circuit is still closed. Retry here after the backoff, unless another
     * endpoint serves this call better: the wait does not fit the deadline (SPEC §5.6), this call has seen
     * {@code failure-threshold} failures in a row here (the circuit may stay closed for a flaky endpoint, but this
     * call moves on), or the endpoint's retry budget is spent. Without another endpoint, the deadline and the budget
     * end the call; repeated failures do not.
     */
    private void retryOrMoveOn(Throwable failure, String summary, Classification c, Duration hint, long now) {
        long delay = plan.backoff.delayNanos(retriesHere, previousDelay, plan.runtime.random());
        if (hint != null) delay = Math.max(delay, hint.toNanos());
        if (delay > deadlineNanos(now) - now) {
            if (!tryFailOver(failure, summary, "deadline")) throw exhausted(Reason.DEADLINE, null);
            return;
        }
        if (retriesHere + 1 >= current.failureThreshold() && tryFailOver(failure, summary, "endpoint_failing")) return;
        if (!current.tryRetry(now)) {
            int used = current.breaker.retriesInWindow(now);
            LOG.warn("Retry budget of {} spent ({} in the last {}s); not retrying there ({}, call {})",
                    current.name, used == 1 ? "1 retry" : used + " retries",
                    plan.runtime.config().health().window().toSeconds(), plan.methodId, callId());
            if (!tryFailOver(failure, summary, "retry_budget")) throw exhausted(Reason.RETRY_BUDGET, null);
            return;
        }
        scheduleRetry(failure, summary, c, delay);
    }

    private void scheduleRetry(Throwable failure, String summary, Classification c, long delay) {
        retriesHere++;
        previousDelay = delay;
        delayNanos = delay;
        sameEndpointNext = true;
        plan.runtime.listeners().emit(new RetryScheduled(callId(), plan.methodId, plan.time.now(), attempts,
                plan.maxAttempts, current.name, failure, summary, Decision.RETRY, c.reason(), Duration.ofNanos(delay),
                plan.time.now().plusNanos(delay)));
    }

    private void failOver(Throwable failure, String summary, String reason, long now) {
        if (!tryFailOver(failure, summary, reason)) throw exhausted(Reason.NO_ENDPOINT_LEFT, plan.describeUnavailable());
    }

    /** Moves to the next available endpoint and says so; false (nothing changed) when none is left. */
    private boolean tryFailOver(Throwable failure, String summary, String reason) {
        Target from = current;
        if (!moveToNextTarget()) return false;
        plan.runtime.listeners().emit(new FailedOver(callId(), plan.methodId, plan.time.now(), attempts, from.name,
                current.name, reason, failure, summary));
        return true;
    }

    /** Before the next attempt, after the wait: takes a permit, failing over if the circuit opened meanwhile. */
    public void acquireNext() {
        if (!sameEndpointNext) return; // a failover already holds its permit
        sameEndpointNext = false;
        delayNanos = 0;
        Permit p = current.tryAcquire();
        if (p != null) {
            permit = p;
            permitUnused = true;
            return;
        }
        Target from = current;
        Throwable last = failures.get(failures.size() - 1);
        if (!moveToNextTarget()) throw exhausted(Reason.NO_ENDPOINT_LEFT, plan.describeUnavailable());
        plan.runtime.listeners().emit(new FailedOver(callId(), plan.methodId, plan.time.now(), attempts, from.name,
                current.name, "circuit_open", last, plan.runtime.redactor().summary(last)));
    }

    /** Sync shell: waits (interruptibly), then {@link #acquireNext()}. */
    public void awaitNext() {
        if (delayNanos > 0) {
            try {
                plan.time.sleep(delayNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw exhausted(Reason.INTERRUPTED, e);
            }
        }
        acquireNext();
    }

    /** The attempt just made succeeded. */
    public void succeeded() {
        permitUnused = false;
        if (attempts == 0) {
            plan.firstSucceeded(this, permit, startNanos, callId);
            return;
        }
        long now = plan.time.nanoTime();
        permit.succeeded(now, this);
        plan.runtime.listeners().emit(new CallSucceeded(callId(), plan.methodId, plan.time.now(), current.name,
                attempts + 1, failedOver));
    }

    /**
     * The call was cancelled after it took the permit for its next attempt and before making it: gives the permit
     * back. Without this a cancelled call kept a half-open trial slot for ever and the circuit could never close.
     */
    public void abandon() {
        if (!permitUnused) return;
        permitUnused = false;
        permit.release();
    }

    /** The call ends: the last failure, with the earlier ones (and {@code extra}) attached as suppressed. */
    RuntimeException exhausted(Reason why, Throwable extra) {
        Throwable last = failures.get(failures.size() - 1);
        for (Throwable earlier : failures) {
            if (earlier != last && !isSuppressed(last, earlier)) last.addSuppressed(earlier);
        }
        if (extra != null && extra != last) last.addSuppressed(extra);
        plan.runtime.listeners().emit(new CallExhausted(callId(), plan.methodId, plan.time.now(), attempts,
                endpointsTried, why, last, plan.runtime.redactor().summary(last)));
        return Sneaky.rethrow(last);
    }

    private boolean moveToNextTarget() {
        Permit p = plan.order.next(current, tried, plan.time.nanoTime());
        if (p == null) return false;
        current = p.target;
        permit = p;
        permitUnused = true;
        markTried(current);
        retriesHere = 0;
        previousDelay = 0;
        delayNanos = 0;
        sameEndpointNext = false;
        failedOver = true;
        return true;
    }

    private void markTried(Target t) {
        tried[plan.order.indexOf(t)] = true;
        endpointsTried.add(t.name);
    }

    private Classification classify(Throwable failure) {
        try {
            return plan.classifier.classify(failure);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("The failure classifier of {} threw {}; treating {} as not retryable", plan.methodId, e,
                    failure.getClass().getName());
            return Classification.of(Decision.ABORT, "classifier_failed");
        }
    }

    private static boolean isSuppressed(Throwable in, Throwable t) {
        for (Throwable s : in.getSuppressed()) if (s == t) return true;
        return false;
    }

    /**
     * When the call must end: {@code max-duration} after its start. Computed when asked (a failure, so off the happy
     * path): a start taken from the call clock may be stale by more than a tick if the watchdog was kept from running,
     * which the clock only learns later ({@link CallWatch#soundStart}).
     */
    private long deadlineNanos(long now) {
        return CallWatch.deadline(plan, plan.soundStart(startNanos, now));
    }
}
