package dev.llmretry.internal.exec;

import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.internal.config.DeclaredCall;
import dev.llmretry.internal.config.SettingsPatch;
import java.lang.reflect.Method;
import java.util.List;

/**
 * What a protected call asks for, before retry.yaml is applied: the typed replay of its annotations or of an
 * {@code LlmCall} builder. Both sources produce this one shape, so a woven method and an {@code LlmCall} with the same
 * attributes get the same plan, built by one {@link PlanFactory} and checked as a {@link #declared()} call, with the
 * messages the annotation processor gives at compile time. A field is
 * {@code null} when its source did not ask for it (no {@code @LlmRetry}: {@code retryPolicy == null}). Immutable;
 * equal specs share one plan.
 *
 * <pre>{@code
 * CallSpec spec = CallSpec.of(ChatService.class.getMethod("ask", String.class));
 * MethodPlan plan = runtime.plans().of(spec);
 * }</pre>
 *
 * @param id            the {@code methods:} key and the name in events: {@code "com.acme.Chat#ask"} or a call's name
 * @param annotated     whether annotations (rather than an {@code LlmCall} builder) asked for it
 * @param implicitName  the name of the single implicit target when there is neither failover nor breaker
 * @param retryPolicy   the named retry policy, {@code "default"} when asked without a name; null for no retries
 * @param retry         the attributes set on the retry ({@code max-attempts}, ...)
 * @param breakerName   the circuit breaker's explicit name; null for the call's own ({@code id})
 * @param breakerPolicy the named breaker policy, {@code "default"} when asked without a name; null for no breaker
 * @param breaker       the breaker attributes set
 * @param endpoints     the failover endpoints in the order given; null for no failover
 * @param strategy      how to pick among the endpoints; {@code POLICY} takes retry.yaml's
 * @param retryOn       failure types always retried
 * @param abortOn       failure types never retried
 * @param endpointParameter index of the method's {@code Endpoint} parameter, or -1
 */
public record CallSpec(String id, boolean annotated, String implicitName, String retryPolicy,
                       SettingsPatch retry, String breakerName, String breakerPolicy, SettingsPatch breaker,
                       List<String> endpoints, FailoverStrategy strategy, List<Class<? extends Throwable>> retryOn,
                       List<Class<? extends Throwable>> abortOn, int endpointParameter) {

    public CallSpec {
        endpoints = endpoints == null ? null : List.copyOf(endpoints);
        retryOn = List.copyOf(retryOn);
        abortOn = List.copyOf(abortOn);
    }

    /**
     * The spec replayed into the names and values that {@link DeclaredCall} checks, the shape the annotation
     * processor checks at compile time: one set of rules and messages for annotations, builders and the compiler.
     */
    public DeclaredCall declared() {
        DeclaredCall.Builder call = DeclaredCall.builder(id, annotated ? DeclaredCall.Source.ANNOTATIONS
                : DeclaredCall.Source.LLM_CALL);
        if (retryPolicy != null) call.retry(retryPolicy, retry);
        if (breakerPolicy != null) call.breaker(breakerPolicy, breaker);
        return call.breakerAttributes(breakerName == null ? List.of() : List.of("name"))
                .failover(endpoints)
                .retryOn(retryOn.stream().map(DeclaredCall.ThrowableType::of).toList())
                .abortOn(abortOn.stream().map(DeclaredCall.ThrowableType::of).toList())
                .build();
    }

    /** Names the spec in messages: {@code "LlmCall \"acme.chat\""} or {@code "annotations of com.acme.Chat#ask"}. */
    public String source() {
        return annotated ? "annotations of " + id : "LlmCall \"" + id + "\"";
    }

    /** {@code "com.acme.Chat#ask"}: how plans, events and messages name a protected method. */
    static String methodId(Method m) {
        return m.getDeclaringClass().getName() + "#" + m.getName();
    }

    /** The method a woven join point executes. */
    static Method method(org.aspectj.lang.JoinPoint.StaticPart joinPoint) {
        return ((org.aspectj.lang.reflect.MethodSignature) joinPoint.getSignature()).getMethod();
    }

    /** The spec of an annotated method: its annotations, method first, then its class. */
    public static CallSpec of(Method m) {
        Class<?> type = m.getDeclaringClass();
        String id = methodId(m);
        LlmRetry retry = annotation(m, type, LlmRetry.class);
        LlmCircuitBreaker breaker = annotation(m, type, LlmCircuitBreaker.class);
        Failover failover = annotation(m, type, Failover.class);
        return new CallSpec(id, true, type.getSimpleName() + "#" + m.getName(),
                retry == null ? null : nonEmpty(retry.policy()),
                retry == null ? null : AnnotationPatches.retry(retry, id),
                breaker == null || breaker.name().isEmpty() ? null : breaker.name(),
                breaker == null ? null : nonEmpty(breaker.policy()),
                breaker == null ? null : AnnotationPatches.breaker(breaker, id),
                failover == null ? null : List.of(failover.endpoints()),
                failover == null ? FailoverStrategy.POLICY : failover.strategy(),
                retry == null ? List.of() : List.of(retry.retryOn()),
                retry == null ? List.of() : List.of(retry.abortOn()),
                PlanFactory.endpointParameter(m));
    }

    /** Whether {@code annotations} hold {@code @LlmRetry}, {@code @LlmCircuitBreaker} or {@code @Failover}. */
    public static boolean protects(java.lang.annotation.Annotation[] annotations) {
        for (java.lang.annotation.Annotation a : annotations) {
            Class<?> t = a.annotationType();
            if (t == LlmRetry.class || t == LlmCircuitBreaker.class || t == Failover.class) return true;
        }
        return false;
    }

    private static String nonEmpty(String policy) {
        return policy.isEmpty() ? "default" : policy;
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(Method m, Class<?> type, Class<A> a) {
        A onMethod = m.getAnnotation(a);
        return onMethod != null ? onMethod : type.getAnnotation(a);
    }
}
