package dev.llmretry.reactor;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.exec.Sneaky;
import org.aspectj.lang.JoinPoint.StaticPart;
import org.aspectj.runtime.internal.AroundClosure;

/**
 * Woven ABI v1 of {@link ReactorAdvice}: the generated names of its 9 advices of that version (Mono and Flux, each
 * with no {@code Endpoint} parameter or one in the first three positions, then a guard for one further right), which
 * a class woven then calls on {@code ReactorAdvice.aspectOf()}. The advice is now one per position for both types
 * ({@link ReactorCalls#start}), up to the sixth, so each old name is kept here as a plain method doing what its advice
 * did: frozen, never edited, never called by a class woven with this version. A {@code proceed} in a non-inlined
 * advice is the closure's {@code run} with the bound arguments: nothing without an {@code Endpoint} parameter, the
 * endpoint otherwise. {@code ReactorAdviceAbiTest} checks that every v1 name is here and serves its type.
 *
 * <pre>{@code
 * // what a class woven with ABI v1 does for {@code Mono<String> ask(Endpoint e, String q)}:
 * return (Mono) ReactorAdvice.aspectOf()
 *         .ajc$around$dev_llmretry_reactor_ReactorAdvice$2$280bb51d(e, closure, ajc$tjp_0);
 * }</pre>
 */
abstract class ReactorAdviceV1 {

    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$1$151d7533(AroundClosure proceed, StaticPart at) { // Mono
        return start(proceed, at, false);
    }

    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$2$280bb51d(Endpoint injected, AroundClosure proceed, StaticPart at) { // Mono
        return start(proceed, at, true);
    }

    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$3$d726f991(Endpoint injected, AroundClosure proceed, StaticPart at) { // Mono
        return start(proceed, at, true);
    }

    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$4$83310fd9(Endpoint injected, AroundClosure proceed, StaticPart at) { // Mono
        return start(proceed, at, true);
    }

    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$5$16b405ed(AroundClosure proceed, StaticPart at) { // Flux
        return start(proceed, at, false);
    }

    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$6$76e0e623(Endpoint injected, AroundClosure proceed, StaticPart at) { // Flux
        return start(proceed, at, true);
    }

    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$7$928154cb(Endpoint injected, AroundClosure proceed, StaticPart at) { // Flux
        return start(proceed, at, true);
    }

    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$8$5c91805f(Endpoint injected, AroundClosure proceed, StaticPart at) { // Flux
        return start(proceed, at, true);
    }

    /** v1's guard: an Endpoint parameter past the third. The class bound no endpoint there, so it cannot be rebound. */
    public Object ajc$around$dev_llmretry_reactor_ReactorAdvice$9$81a1f5bf(AroundClosure proceed, StaticPart at) {
        throw new IllegalStateException(at.getSignature().toLongString() + ": this class was woven by an earlier "
                + "retry-reactor, which could pass the endpoint only in the first three parameters; weave it again "
                + "(the first six now), or move the Endpoint parameter left");
    }

    private static Object start(AroundClosure proceed, StaticPart at, boolean injects) {
        return ReactorCalls.start(at, (Endpoint ep) -> {
            try {
                return proceed.run(injects ? new Object[] {ep} : new Object[0]);
            } catch (Throwable t) {
                throw Sneaky.rethrow(t);
            }
        });
    }
}
