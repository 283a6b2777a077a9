/**
 * The AspectJ advice, and nothing else: {@link dev.llmretry.aspect.SyncAdvice} for methods whose result is complete
 * on return (inlined by ajc, allocation-free on success) and {@link dev.llmretry.aspect.ShapedAdvice} for async and
 * streaming results. Both look up the method's plan and hand over to {@code dev.llmretry.exec}; shipped for
 * load-time weaving in {@code META-INF/aop.xml}.
 */
package dev.llmretry.aspect;
