package dev.llmretry.aspect;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.exec.AttemptTimer;
import dev.llmretry.internal.exec.CallState;
import dev.llmretry.internal.exec.MethodPlan;
import java.util.concurrent.atomic.AtomicLongArray;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Applies {@code @LlmRetry}, {@code @LlmCircuitBreaker} and {@code @Failover} to synchronous methods.
 *
 * <p>Code-style advice on purpose: it uses only {@code proceed} and {@code thisJoinPointStaticPart}, so ajc inlines
 * it into the woven method and no {@code JoinPoint} or closure is ever allocated (see docs/benchmarks.md). The body
 * is the same loop for every variant; the variants differ only in where the {@code Endpoint} parameter sits, since
 * AspectJ can rebind an argument only at a position fixed in the pointcut. {@code AdviceShapeTest} checks that
 * every variant, and {@code SyncCall} (the same loop for lambdas), stay the same statement for statement. One loop,
 * one {@code proceed}: the first attempt and later ones go through the same calls; the call's state
 * ({@link CallState}) is created at its first failure, so a first-attempt success allocates nothing.
 *
 * <p>What this body calls is compiled into every woven user class: the <b>woven ABI</b> (docs/architecture.md),
 * {@link MethodPlan#of}, {@code start}, {@code started}, {@code enter}, {@code watch}, {@code armTimer},
 * {@code inject}, {@code endpoint}, {@code ended}, {@code failed}, {@code succeeded}, {@code unwatch},
 * {@link CallState#permit()} and, from the guard, {@code MethodPlan.endpointTooFar}. Those signatures do not change between versions; {@code WovenAbiTest} runs a class
 * woven by an earlier build against this one.
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
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AtomicLongArray watch = plan.watch(start);
        try {
            CallState call = null;
            while (true) {
                AttemptTimer timer = plan.armTimer();
                Object result;
                try {
                    plan.inject(permit);
                    result = proceed();
                    plan.ended(timer, watch, result);
                } catch (Throwable failure) {
                    call = plan.failed(call, permit, start, callId, timer, watch, failure);
                    permit = call.permit();
                    continue;
                }
                plan.succeeded(call, permit, start, callId);
                return result;
            }
        } finally {
            plan.unwatch(watch);
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AtomicLongArray watch = plan.watch(start);
        try {
            CallState call = null;
            while (true) {
                AttemptTimer timer = plan.armTimer();
                Object result;
                try {
                    plan.inject(permit);
                    result = proceed(plan.endpoint(permit));
                    plan.ended(timer, watch, result);
                } catch (Throwable failure) {
                    call = plan.failed(call, permit, start, callId, timer, watch, failure);
                    permit = call.permit();
                    continue;
                }
                plan.succeeded(call, permit, start, callId);
                return result;
            }
        } finally {
            plan.unwatch(watch);
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AtomicLongArray watch = plan.watch(start);
        try {
            CallState call = null;
            while (true) {
                AttemptTimer timer = plan.armTimer();
                Object result;
                try {
                    plan.inject(permit);
                    result = proceed(plan.endpoint(permit));
                    plan.ended(timer, watch, result);
                } catch (Throwable failure) {
                    call = plan.failed(call, permit, start, callId, timer, watch, failure);
                    permit = call.permit();
                    continue;
                }
                plan.succeeded(call, permit, start, callId);
                return result;
            }
        } finally {
            plan.unwatch(watch);
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AtomicLongArray watch = plan.watch(start);
        try {
            CallState call = null;
            while (true) {
                AttemptTimer timer = plan.armTimer();
                Object result;
                try {
                    plan.inject(permit);
                    result = proceed(plan.endpoint(permit));
                    plan.ended(timer, watch, result);
                } catch (Throwable failure) {
                    call = plan.failed(call, permit, start, callId, timer, watch, failure);
                    permit = call.permit();
                    continue;
                }
                plan.succeeded(call, permit, start, callId);
                return result;
            }
        } finally {
            plan.unwatch(watch);
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AtomicLongArray watch = plan.watch(start);
        try {
            CallState call = null;
            while (true) {
                AttemptTimer timer = plan.armTimer();
                Object result;
                try {
                    plan.inject(permit);
                    result = proceed(plan.endpoint(permit));
                    plan.ended(timer, watch, result);
                } catch (Throwable failure) {
                    call = plan.failed(call, permit, start, callId, timer, watch, failure);
                    permit = call.permit();
                    continue;
                }
                plan.succeeded(call, permit, start, callId);
                return result;
            }
        } finally {
            plan.unwatch(watch);
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AtomicLongArray watch = plan.watch(start);
        try {
            CallState call = null;
            while (true) {
                AttemptTimer timer = plan.armTimer();
                Object result;
                try {
                    plan.inject(permit);
                    result = proceed(plan.endpoint(permit));
                    plan.ended(timer, watch, result);
                } catch (Throwable failure) {
                    call = plan.failed(call, permit, start, callId, timer, watch, failure);
                    permit = call.permit();
                    continue;
                }
                plan.succeeded(call, permit, start, callId);
                return result;
            }
        } finally {
            plan.unwatch(watch);
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        long start = plan.start();
        long callId = plan.started();
        Object permit = plan.enter(callId);
        AtomicLongArray watch = plan.watch(start);
        try {
            CallState call = null;
            while (true) {
                AttemptTimer timer = plan.armTimer();
                Object result;
                try {
                    plan.inject(permit);
                    result = proceed(plan.endpoint(permit));
                    plan.ended(timer, watch, result);
                } catch (Throwable failure) {
                    call = plan.failed(call, permit, start, callId, timer, watch, failure);
                    permit = call.permit();
                    continue;
                }
                plan.succeeded(call, permit, start, callId);
                return result;
            }
        } finally {
            plan.unwatch(watch);
        }
    }

    /** An Endpoint parameter further right than the advice can rebind: fail loudly rather than run unprotected. */
    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): sync() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint,
            !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, ..,
            dev.llmretry.Endpoint, ..)) {
        throw MethodPlan.endpointTooFar(thisJoinPointStaticPart); // the sentence of LLMR-013
    }
}
