package dev.llmretry.aspect;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.exec.MethodPlan;
import dev.llmretry.internal.exec.ResultShape;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Applies the annotations to methods whose result arrives later: {@code CompletionStage}/{@code CompletableFuture}
 * (retried without blocking a thread) and {@code Stream}, {@code Iterator} and {@code Flow.Publisher} (retried until
 * their first element). Each attempt is a lambda around {@code proceed}; {@link ResultShape} picks the shell from the
 * declared result type, so one advice serves every shape, and like {@link SyncAdvice} the variants differ only in
 * where the {@code Endpoint} parameter sits. Code-style rather than {@code ProceedingJoinPoint} advice: that keeps
 * user builds free of ajc lint warnings (canNotImplementLazyTjp).
 *
 * <p>The shaped advices are not inlined (each attempt is a closure around {@code proceed}): a woven class calls each
 * by its generated name, so the names are woven ABI
 * (docs/architecture.md). The guards are inlined since v2 (their bodies only call {@code MethodPlan}), so a v2 class
 * calls {@code MethodPlan.unsupportedResult} and {@code MethodPlan.endpointTooFar} instead; a v1 class still calls
 * the guards by name. ABI v1 had one advice per shape and position; {@link ShapedAdviceV1} keeps those names
 * for classes woven then. Add new advices after the existing ones and never edit an existing pointcut.
 */
public aspect ShapedAdvice extends ShapedAdviceV1 {

    /**
     * Results that complete later: retried without holding a thread while waiting. Declared exactly as
     * {@code CompletionStage} or {@code CompletableFuture}: the call's result is a {@code CompletableFuture}, which
     * a subtype (a user's own future class) could not receive.
     */
    pointcut async(): SyncAdvice.annotated() && (execution(java.util.concurrent.CompletionStage *(..))
        || execution(java.util.concurrent.CompletableFuture *(..)));

    /** Stream results, retried until their first element: {@code Stream}, the primitive streams, {@code BaseStream}. */
    pointcut stream(): SyncAdvice.annotated() && (execution(java.util.stream.Stream *(..))
        || execution(java.util.stream.IntStream *(..)) || execution(java.util.stream.LongStream *(..))
        || execution(java.util.stream.DoubleStream *(..)) || execution(java.util.stream.BaseStream *(..)));

    /** Iterator results: retried until their first element. */
    pointcut iterator(): SyncAdvice.annotated() && execution(java.util.Iterator *(..));

    /** Flow.Publisher results: each subscription retried until its first element. */
    pointcut publisher(): SyncAdvice.annotated() && execution(java.util.concurrent.Flow.Publisher *(..));

    /** Every result a shell follows ({@link ResultShape}). */
    pointcut shaped(): async() || stream() || iterator() || publisher();

    /** Reactive Streams and Reactor types: retry-reactor's advice supports Mono and Flux; the others never. */
    public pointcut reactive(): execution((reactor.core.publisher.* || org.reactivestreams.*) *(..));

    /**
     * Mono and Flux results while retry-reactor is on the class path: its advice protects them. Wildcarded names, so
     * that a build without Reactor gets no lint warning for a type it cannot resolve.
     */
    public pointcut reactorSupported(): execution((reactor.core..Mono || reactor.core..Flux) *(..))
        && if(UnsupportedResult.REACTOR_ADVICE_PRESENT);

    /**
     * A result the shells cannot return: a subtype of a supported shape ({@code ListIterator},
     * {@code SubmissionPublisher}, a {@code CompletableFuture} subclass, a stream interface of one's own) or a
     * reactive type (Mono and Flux only without retry-reactor). retry-processor rejects these at compile time; a build
     * without it fails every call loudly instead of running the method unprotected or failing with a
     * ClassCastException after the request was sent.
     */
    public pointcut unsupported(): SyncAdvice.annotated() && ((reactive() && !reactorSupported())
        || ((execution(java.util.concurrent.CompletionStage+ *(..)) || execution(java.util.stream.BaseStream+ *(..))
            || execution(java.util.Iterator+ *(..)) || execution(java.util.concurrent.Flow.Publisher+ *(..)))
            && !async() && !stream() && !iterator() && !publisher()));

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): unsupported() {
        throw MethodPlan.unsupportedResult(thisJoinPointStaticPart); // the sentence of LLMR-017
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): shaped() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        return ResultShape.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed());
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): shaped() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        return ResultShape.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): shaped() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        return ResultShape.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): shaped() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        return ResultShape.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): shaped() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, injected, ..) {
        return ResultShape.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): shaped() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, injected, ..) {
        return ResultShape.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): shaped() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, *, injected, ..) {
        return ResultShape.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    /**
     * An Endpoint parameter further right than the advice can rebind: fail loudly rather than run the body unprotected
     * with a null endpoint. Added in ABI v2 after the others, so their generated names stay.
     */
    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): shaped() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint,
            !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, ..,
            dev.llmretry.Endpoint, ..)) {
        throw MethodPlan.endpointTooFar(thisJoinPointStaticPart); // the sentence of LLMR-013
    }
}
