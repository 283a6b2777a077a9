package dev.llmretry.reactor;

import dev.llmretry.Endpoint;
import org.aspectj.lang.annotation.SuppressAjWarnings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies {@code @LlmRetry}, {@code @LlmCircuitBreaker} and {@code @Failover} to methods declared to return Reactor's
 * {@code Mono} or {@code Flux} (exactly those types). Each call returns a cold publisher from {@link ReactorCalls}:
 * a subscription runs the method's body once per attempt. Like the core's advice, the variants differ only in where
 * the {@code Endpoint} parameter sits (first, second or third; further right fails every call with the fix).
 *
 * <pre>{@code
 * @LlmRetry @Failover(endpoints = {"iag", "oneapi"})
 * public Mono<String> ask(String q, Endpoint endpoint) { return client.complete(endpoint, q); }
 * }</pre>
 *
 * <p>Weave it as retry-runtime's advice: with compile-time weaving list both as aspect libraries; with load-time
 * weaving its {@code META-INF/aop.xml} is picked up from the class path.
 */
public aspect ReactorAdvice {
    /**
     * Runs outside the core's advice: the core's check for unsupported results matches Mono and Flux by name and
     * steps aside at run time when this advice is on the class path (see retry-runtime's ShapedAdvice).
     */
    declare precedence: ReactorAdvice, dev.llmretry.aspect.ShapedAdvice;

    /** Annotated methods returning exactly Mono. */
    pointcut mono(): dev.llmretry.aspect.SyncAdvice.annotated() && execution(reactor.core.publisher.Mono *(..));

    /** Annotated methods returning exactly Flux. */
    pointcut flux(): dev.llmretry.aspect.SyncAdvice.annotated() && execution(reactor.core.publisher.Flux *(..));

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): mono() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        return ReactorCalls.mono(thisJoinPointStaticPart, (Endpoint ep) -> (Mono<?>) proceed());
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): mono() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        return ReactorCalls.mono(thisJoinPointStaticPart, (Endpoint ep) -> (Mono<?>) proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): mono() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        return ReactorCalls.mono(thisJoinPointStaticPart, (Endpoint ep) -> (Mono<?>) proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): mono() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        return ReactorCalls.mono(thisJoinPointStaticPart, (Endpoint ep) -> (Mono<?>) proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): flux() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        return ReactorCalls.flux(thisJoinPointStaticPart, (Endpoint ep) -> (Flux<?>) proceed());
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): flux() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        return ReactorCalls.flux(thisJoinPointStaticPart, (Endpoint ep) -> (Flux<?>) proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): flux() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        return ReactorCalls.flux(thisJoinPointStaticPart, (Endpoint ep) -> (Flux<?>) proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): flux() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        return ReactorCalls.flux(thisJoinPointStaticPart, (Endpoint ep) -> (Flux<?>) proceed(ep));
    }

    /** An Endpoint parameter further right than the advice can rebind: fail loudly rather than run unprotected. */
    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): (mono() || flux()) && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint,
            !dev.llmretry.Endpoint, .., dev.llmretry.Endpoint, ..)) {
        throw new IllegalStateException(thisJoinPointStaticPart.getSignature().toLongString()
                + ": with a Mono or Flux result the Endpoint parameter must be one of the first three; move it left");
    }
}
