package dev.llmretry.aspect;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.exec.ResultShape;
import org.aspectj.lang.JoinPoint.StaticPart;
import org.aspectj.runtime.internal.AroundClosure;

/**
 * Woven ABI v1 of {@link ShapedAdvice}: the generated names of its 28 advices of that version (one per result shape
 * and position of the {@code Endpoint} parameter), which a class woven then calls on {@code ShapedAdvice.aspectOf()}.
 * The advice is now one per position ({@link ResultShape} picks the shell from the declared result type), so each
 * old name is kept here as a plain method doing what its advice did: frozen, never edited, never called by a class
 * woven with this version. A {@code proceed} in a non-inlined advice is the closure's {@code run} with the bound
 * arguments: nothing for a method without an {@code Endpoint} parameter, the endpoint otherwise (the closure knows
 * where it goes). {@code AdviceAbiTest} checks that every v1 name is here and serves its shape.
 *
 * <pre>{@code
 * // what a class woven with ABI v1 does for {@code CompletableFuture<String> chatAsync(Endpoint e, String q)}:
 * return (CompletableFuture) ShapedAdvice.aspectOf()
 *         .ajc$around$dev_llmretry_aspect_ShapedAdvice$3$7b048866(e, closure, ajc$tjp_1);
 * }</pre>
 */
abstract class ShapedAdviceV1 {

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$2$c69d1c8a(AroundClosure proceed, StaticPart at) { // async
        return start(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$3$7b048866(Endpoint injected, AroundClosure proceed, StaticPart at) { // async
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$4$5ddd60a8(Endpoint injected, AroundClosure proceed, StaticPart at) { // async
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$5$3779f262(Endpoint injected, AroundClosure proceed, StaticPart at) { // async
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$6$26b9ffac(Endpoint injected, AroundClosure proceed, StaticPart at) { // async
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$7$8ce61a5e(Endpoint injected, AroundClosure proceed, StaticPart at) { // async
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$8$a11240b0(Endpoint injected, AroundClosure proceed, StaticPart at) { // async
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$9$c008b2b6(AroundClosure proceed, StaticPart at) { // stream
        return start(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$10$1f260aba(Endpoint injected, AroundClosure proceed, StaticPart at) { // stream
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$11$577109d4(Endpoint injected, AroundClosure proceed, StaticPart at) { // stream
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$12$3bd1edb6(Endpoint injected, AroundClosure proceed, StaticPart at) { // stream
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$13$1ad38fd8(Endpoint injected, AroundClosure proceed, StaticPart at) { // stream
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$14$c93fceb2(Endpoint injected, AroundClosure proceed, StaticPart at) { // stream
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$15$72de77dc(Endpoint injected, AroundClosure proceed, StaticPart at) { // stream
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$16$81de5c88(AroundClosure proceed, StaticPart at) { // iterator
        return start(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$17$f4779ba8(Endpoint injected, AroundClosure proceed, StaticPart at) { // iterator
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$18$2dfa5426(Endpoint injected, AroundClosure proceed, StaticPart at) { // iterator
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$19$26bec024(Endpoint injected, AroundClosure proceed, StaticPart at) { // iterator
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$20$ae44a8aa(Endpoint injected, AroundClosure proceed, StaticPart at) { // iterator
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$21$bb57c2a0(Endpoint injected, AroundClosure proceed, StaticPart at) { // iterator
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$22$36bb7f2e(Endpoint injected, AroundClosure proceed, StaticPart at) { // iterator
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$23$c4dd90a(AroundClosure proceed, StaticPart at) { // publisher
        return start(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$24$21ad7be6(Endpoint injected, AroundClosure proceed, StaticPart at) { // publisher
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$25$a0b83d28(Endpoint injected, AroundClosure proceed, StaticPart at) { // publisher
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$26$73945e2(Endpoint injected, AroundClosure proceed, StaticPart at) { // publisher
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$27$a5827c2c(Endpoint injected, AroundClosure proceed, StaticPart at) { // publisher
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$28$b933cdde(Endpoint injected, AroundClosure proceed, StaticPart at) { // publisher
        return startInjecting(proceed, at);
    }

    public Object ajc$around$dev_llmretry_aspect_ShapedAdvice$29$bd505d30(Endpoint injected, AroundClosure proceed, StaticPart at) { // publisher
        return startInjecting(proceed, at);
    }

    private static Object start(AroundClosure proceed, StaticPart at) {
        return ResultShape.start(at, (Endpoint ep) -> proceed.run(new Object[0]));
    }

    private static Object startInjecting(AroundClosure proceed, StaticPart at) {
        return ResultShape.start(at, (Endpoint ep) -> proceed.run(new Object[] {ep}));
    }
}
