/**
 * The AspectJ advice, and nothing else: {@link dev.llmretry.aspect.SyncAdvice} for methods whose result is complete
 * on return (inlined by ajc, allocation-free on success) and {@link dev.llmretry.aspect.ShapedAdvice} for async and
 * streaming results (one advice per position of the {@code Endpoint} parameter; the declared result type picks the
 * shell). Both look up the method's plan and hand over to {@code dev.llmretry.internal.exec}; shipped for load-time
 * weaving in {@code META-INF/aop.xml}. What woven classes call here is the woven ABI (docs/architecture.md).
 */
package dev.llmretry.aspect;
