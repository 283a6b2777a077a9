package dev.llmretry.aspect;

import dev.llmretry.Endpoint;
import dev.llmretry.exec.AttemptTimer;
import dev.llmretry.exec.CallWatch;
import dev.llmretry.exec.CallState;
import dev.llmretry.exec.LlmRuntime;
import dev.llmretry.exec.MethodPlan;
import java.util.concurrent.atomic.AtomicLongArray;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Applies {@code @LlmRetry}, {@code @LlmCircuitBreaker} and {@code @Failover} to synchronous methods.
 *
 * <p>Code-style advice on purpose: it uses only {@code proceed} and {@code thisJoinPointStaticPart}, so ajc inlines
 * it into the woven method and no {@code JoinPoint} or closure is ever allocated (see docs/benchmarks.md). The body
 * is the same loop for every variant; the variants differ only in where the {@code Endpoint} parameter sits, since
 * AspectJ can rebind an argument only at a position fixed in the pointcut. Everything else happens in
 * {@link MethodPlan} and {@link CallState}. {@link CallWatch} bounds the whole call by its {@code max-duration}
 * (interrupting a hung attempt) and {@link AttemptTimer} each attempt by {@code attempt-timeout}; a result that
 * arrives after either fired is discarded.
 */
public aspect SyncAdvice {
    /** A method, or a public method of a type, carrying one of the annotations. */
    public pointcut annotated():
        execution(@dev.llmretry.annotation.LlmRetry * *(..))
        || execution(@dev.llmretry.annotation.LlmCircuitBreaker * *(..))
        || execution(@dev.llmretry.annotation.Failover * *(..))
        || execution(public * (@dev.llmretry.annotation.LlmRetry *).*(..))
        || execution(public * (@dev.llmretry.annotation.LlmCircuitBreaker *).*(..))
        || execution(public * (@dev.llmretry.annotation.Failover *).*(..));

    /** Results that are complete when the method returns (async and streaming results have their own advice). */
    pointcut sync():
        annotated()
        && !execution(java.util.concurrent.CompletionStage+ *(..))
        && !execution(java.util.stream.BaseStream+ *(..))
        && !execution(java.util.Iterator+ *(..))
        && !execution(java.util.concurrent.Flow.Publisher+ *(..))
        && !ShapedAdvice.reactive();

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): sync() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AttemptTimer timer = plan.armTimer();
        AtomicLongArray watch = CallWatch.arm(plan, start);
        Object result;
        try {
            plan.inject(permit);
            result = proceed();
            AttemptTimer.succeeded(plan, timer, watch, result);
        } catch (Throwable first) {
            try {
                CallState call = plan.failed(permit, start, callId, AttemptTimer.failed(plan, timer, watch, first));
                while (true) {
                    AttemptTimer.awaitNext(plan, call, watch);
                    timer = plan.armTimer();
                    try {
                        call.inject();
                        result = proceed();
                        AttemptTimer.ended(plan, timer, watch, result);
                    } catch (Throwable again) {
                        call.failed(AttemptTimer.failed(plan, timer, watch, again));
                        continue;
                    }
                    call.succeeded();
                    return result;
                }
            } finally {
                CallWatch.disarm(watch);
            }
        }
        plan.succeeded(permit, start, callId);
        return result;
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AttemptTimer timer = plan.armTimer();
        AtomicLongArray watch = CallWatch.arm(plan, start);
        Object result;
        try {
            plan.inject(permit);
            result = proceed(plan.endpoint(permit));
            AttemptTimer.succeeded(plan, timer, watch, result);
        } catch (Throwable first) {
            try {
                CallState call = plan.failed(permit, start, callId, AttemptTimer.failed(plan, timer, watch, first));
                while (true) {
                    AttemptTimer.awaitNext(plan, call, watch);
                    timer = plan.armTimer();
                    try {
                        call.inject();
                        result = proceed(call.endpoint());
                        AttemptTimer.ended(plan, timer, watch, result);
                    } catch (Throwable again) {
                        call.failed(AttemptTimer.failed(plan, timer, watch, again));
                        continue;
                    }
                    call.succeeded();
                    return result;
                }
            } finally {
                CallWatch.disarm(watch);
            }
        }
        plan.succeeded(permit, start, callId);
        return result;
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AttemptTimer timer = plan.armTimer();
        AtomicLongArray watch = CallWatch.arm(plan, start);
        Object result;
        try {
            plan.inject(permit);
            result = proceed(plan.endpoint(permit));
            AttemptTimer.succeeded(plan, timer, watch, result);
        } catch (Throwable first) {
            try {
                CallState call = plan.failed(permit, start, callId, AttemptTimer.failed(plan, timer, watch, first));
                while (true) {
                    AttemptTimer.awaitNext(plan, call, watch);
                    timer = plan.armTimer();
                    try {
                        call.inject();
                        result = proceed(call.endpoint());
                        AttemptTimer.ended(plan, timer, watch, result);
                    } catch (Throwable again) {
                        call.failed(AttemptTimer.failed(plan, timer, watch, again));
                        continue;
                    }
                    call.succeeded();
                    return result;
                }
            } finally {
                CallWatch.disarm(watch);
            }
        }
        plan.succeeded(permit, start, callId);
        return result;
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AttemptTimer timer = plan.armTimer();
        AtomicLongArray watch = CallWatch.arm(plan, start);
        Object result;
        try {
            plan.inject(permit);
            result = proceed(plan.endpoint(permit));
            AttemptTimer.succeeded(plan, timer, watch, result);
        } catch (Throwable first) {
            try {
                CallState call = plan.failed(permit, start, callId, AttemptTimer.failed(plan, timer, watch, first));
                while (true) {
                    AttemptTimer.awaitNext(plan, call, watch);
                    timer = plan.armTimer();
                    try {
                        call.inject();
                        result = proceed(call.endpoint());
                        AttemptTimer.ended(plan, timer, watch, result);
                    } catch (Throwable again) {
                        call.failed(AttemptTimer.failed(plan, timer, watch, again));
                        continue;
                    }
                    call.succeeded();
                    return result;
                }
            } finally {
                CallWatch.disarm(watch);
            }
        }
        plan.succeeded(permit, start, callId);
        return result;
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, injected, ..) {
        MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AttemptTimer timer = plan.armTimer();
        AtomicLongArray watch = CallWatch.arm(plan, start);
        Object result;
        try {
            plan.inject(permit);
            result = proceed(plan.endpoint(permit));
            AttemptTimer.succeeded(plan, timer, watch, result);
        } catch (Throwable first) {
            try {
                CallState call = plan.failed(permit, start, callId, AttemptTimer.failed(plan, timer, watch, first));
                while (true) {
                    AttemptTimer.awaitNext(plan, call, watch);
                    timer = plan.armTimer();
                    try {
                        call.inject();
                        result = proceed(call.endpoint());
                        AttemptTimer.ended(plan, timer, watch, result);
                    } catch (Throwable again) {
                        call.failed(AttemptTimer.failed(plan, timer, watch, again));
                        continue;
                    }
                    call.succeeded();
                    return result;
                }
            } finally {
                CallWatch.disarm(watch);
            }
        }
        plan.succeeded(permit, start, callId);
        return result;
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, injected, ..) {
        MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AttemptTimer timer = plan.armTimer();
        AtomicLongArray watch = CallWatch.arm(plan, start);
        Object result;
        try {
            plan.inject(permit);
            result = proceed(plan.endpoint(permit));
            AttemptTimer.succeeded(plan, timer, watch, result);
        } catch (Throwable first) {
            try {
                CallState call = plan.failed(permit, start, callId, AttemptTimer.failed(plan, timer, watch, first));
                while (true) {
                    AttemptTimer.awaitNext(plan, call, watch);
                    timer = plan.armTimer();
                    try {
                        call.inject();
                        result = proceed(call.endpoint());
                        AttemptTimer.ended(plan, timer, watch, result);
                    } catch (Throwable again) {
                        call.failed(AttemptTimer.failed(plan, timer, watch, again));
                        continue;
                    }
                    call.succeeded();
                    return result;
                }
            } finally {
                CallWatch.disarm(watch);
            }
        }
        plan.succeeded(permit, start, callId);
        return result;
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, *, injected, ..) {
        MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AttemptTimer timer = plan.armTimer();
        AtomicLongArray watch = CallWatch.arm(plan, start);
        Object result;
        try {
            plan.inject(permit);
            result = proceed(plan.endpoint(permit));
            AttemptTimer.succeeded(plan, timer, watch, result);
        } catch (Throwable first) {
            try {
                CallState call = plan.failed(permit, start, callId, AttemptTimer.failed(plan, timer, watch, first));
                while (true) {
                    AttemptTimer.awaitNext(plan, call, watch);
                    timer = plan.armTimer();
                    try {
                        call.inject();
                        result = proceed(call.endpoint());
                        AttemptTimer.ended(plan, timer, watch, result);
                    } catch (Throwable again) {
                        call.failed(AttemptTimer.failed(plan, timer, watch, again));
                        continue;
                    }
                    call.succeeded();
                    return result;
                }
            } finally {
                CallWatch.disarm(watch);
            }
        }
        plan.succeeded(permit, start, callId);
        return result;
    }

    /** An Endpoint parameter further right than the advice can rebind: fail loudly rather than run unprotected. */
    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint,
            !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, ..,
            dev.llmretry.Endpoint, ..)) {
        throw new IllegalStateException(thisJoinPointStaticPart.getSignature().toLongString()
                + ": the Endpoint parameter must be one of the first six parameters; move it further left");
    }
}
