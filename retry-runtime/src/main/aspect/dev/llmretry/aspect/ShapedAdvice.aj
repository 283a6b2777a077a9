package dev.llmretry.aspect;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.exec.AsyncCall;
import dev.llmretry.internal.exec.MethodPlan;
import dev.llmretry.internal.exec.RetryingPublisher;
import dev.llmretry.internal.exec.StreamCall;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Applies the annotations to methods whose result arrives later: {@code CompletionStage}/{@code CompletableFuture}
 * (retried without blocking a thread) and {@code Stream}, {@code Iterator} and {@code Flow.Publisher} (retried until
 * their first element). Each attempt is a lambda around {@code proceed}, handed to the shared decision core; like
 * {@link SyncAdvice}, the variants differ only in where the {@code Endpoint} parameter sits. Code-style rather than
 * {@code ProceedingJoinPoint} advice: that keeps user builds free of ajc lint warnings (canNotImplementLazyTjp).
 */
public aspect ShapedAdvice {

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

    /** Reactive Streams and Reactor types: a retry-reactor integration will support them; not supported yet. */
    public pointcut reactive(): execution((reactor.core.publisher.* || org.reactivestreams.*) *(..));

    /**
     * A result the shells cannot return: a subtype of a supported shape ({@code ListIterator},
     * {@code SubmissionPublisher}, a {@code CompletableFuture} subclass, a stream interface of one's own) or a
     * reactive type. retry-processor rejects these at compile time; a build without it fails every call loudly
     * instead of running the method unprotected or failing with a ClassCastException after the request was sent.
     */
    public pointcut unsupported(): SyncAdvice.annotated() && (reactive()
        || ((execution(java.util.concurrent.CompletionStage+ *(..)) || execution(java.util.stream.BaseStream+ *(..))
            || execution(java.util.Iterator+ *(..)) || execution(java.util.concurrent.Flow.Publisher+ *(..)))
            && !async() && !stream() && !iterator() && !publisher()));

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): unsupported() {
        throw new UnsupportedOperationException(thisJoinPointStaticPart.getSignature().toLongString()
                + UnsupportedResult.MESSAGE);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): async() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return AsyncCall.start(plan, (Endpoint ep) -> proceed());
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): async() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return AsyncCall.start(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): async() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return AsyncCall.start(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): async() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return AsyncCall.start(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): async() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return AsyncCall.start(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): async() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return AsyncCall.start(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): async() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return AsyncCall.start(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): stream() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(), true);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): stream() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), true);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): stream() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), true);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): stream() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), true);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): stream() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), true);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): stream() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), true);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): stream() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), true);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): iterator() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(), false);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): iterator() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), false);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): iterator() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), false);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): iterator() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), false);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): iterator() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), false);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): iterator() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), false);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): iterator() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return StreamCall.start(plan, (Endpoint ep) -> proceed(ep), false);
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): publisher() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return new RetryingPublisher(plan, (Endpoint ep) -> proceed());
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): publisher() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return new RetryingPublisher(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): publisher() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return new RetryingPublisher(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): publisher() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return new RetryingPublisher(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): publisher() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return new RetryingPublisher(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): publisher() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return new RetryingPublisher(plan, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): publisher() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, *, injected, ..) {
        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);
        return new RetryingPublisher(plan, (Endpoint ep) -> proceed(ep));
    }
}
