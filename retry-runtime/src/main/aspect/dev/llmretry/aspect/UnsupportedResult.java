package dev.llmretry.aspect;

import dev.llmretry.internal.exec.ResultShape;

/**
 * For the guard against result types the advice cannot follow (see {@code ShapedAdvice}). The constant stays here,
 * spelled as before, because ajc names the {@code if()} test after its expression and woven classes call that test by
 * name ({@code ajc$if$66ba40bd}, woven ABI).
 */
final class UnsupportedResult {
    /** retry-reactor's advice is on the class path: Mono and Flux results are its to protect. */
    static final boolean REACTOR_ADVICE_PRESENT = ResultShape.REACTOR_ADVICE_PRESENT;

    private UnsupportedResult() {
    }
}
