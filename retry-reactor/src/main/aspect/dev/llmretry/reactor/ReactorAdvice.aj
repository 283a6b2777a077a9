package dev.llmretry.reactor;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.exec.MethodPlan;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Applies {@code @LlmRetry}, {@code @LlmCircuitBreaker} and {@code @Failover} to methods declared to return Reactor's
 * {@code Mono} or {@code Flux} (exactly those types). Each call returns a cold publisher from {@link ReactorCalls}:
 * a subscription runs the method's body once per attempt. Like the core's advice, there is one advice per position of
 * the {@code Endpoint} parameter (the first six; further right fails every call with the fix), each serving both
 * Mono and Flux. A woven class calls these advices by their generated names (woven ABI, docs/architecture.md):
 * {@link ReactorAdviceV1} keeps the names of the first version, which had one advice per type and position. Add new
 * advices after the existing ones and never edit an existing pointcut.
 *
 * <pre>{@code
 * @LlmRetry @Failover(endpoints = {"iag", "oneapi"})
 * public Mono<String> ask(String q, Endpoint endpoint) { return client.complete(endpoint, q); }
 * }</pre>
 *
 * <p>Weave it as retry-runtime's advice: with compile-time weaving list both as aspect libraries; with load-time
 * weaving its {@code META-INF/aop.xml} is picked up from the class path.
 */
public aspect ReactorAdvice extends ReactorAdviceV1 {
    /**
     * Runs outside the core's advice: the core's check for unsupported results matches Mono and Flux by name and
     * steps aside at run time when this advice is on the class path (see retry-runtime's ShapedAdvice).
     */
    declare precedence: ReactorAdvice, dev.llmretry.aspect.ShapedAdvice;

    /** Annotated methods returning exactly Mono. */
    pointcut mono(): dev.llmretry.aspect.SyncAdvice.annotated() && execution(reactor.core.publisher.Mono *(..));

    /** Annotated methods returning exactly Flux. */
    pointcut flux(): dev.llmretry.aspect.SyncAdvice.annotated() && execution(reactor.core.publisher.Flux *(..));

    /** Either: {@link ReactorCalls#start} picks the Mono or the Flux call from the declared result type. */
    pointcut monoOrFlux(): mono() || flux();

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): monoOrFlux() && !execution(* *(.., dev.llmretry.Endpoint, ..)) {
        return ReactorCalls.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed());
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): monoOrFlux() && execution(* *(dev.llmretry.Endpoint, ..)) && args(injected, ..) {
        return ReactorCalls.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): monoOrFlux() && execution(* *(!dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, injected, ..) {
        return ReactorCalls.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): monoOrFlux() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, injected, ..) {
        return ReactorCalls.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): monoOrFlux() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, injected, ..) {
        return ReactorCalls.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): monoOrFlux() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, injected, ..) {
        return ReactorCalls.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Endpoint injected): monoOrFlux() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, dev.llmretry.Endpoint, ..)) && args(*, *, *, *, *, injected, ..) {
        return ReactorCalls.start(thisJoinPointStaticPart, (Endpoint ep) -> proceed(ep));
    }

    /** An Endpoint parameter further right than the advice can rebind: fail loudly rather than run unprotected. */
    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): monoOrFlux() && execution(* *(!dev.llmretry.Endpoint, !dev.llmretry.Endpoint,
            !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, !dev.llmretry.Endpoint, ..,
            dev.llmretry.Endpoint, ..)) {
        throw MethodPlan.endpointTooFar(thisJoinPointStaticPart); // the sentence of LLMR-013
    }
}
