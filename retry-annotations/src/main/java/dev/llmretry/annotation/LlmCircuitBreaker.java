package dev.llmretry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Switches off a failing dependency for a while: after {@code failureThreshold} consecutive failures the circuit
 * opens and calls fail fast (or fail over) for {@code recoveryTime}; then a few trial calls probe it and
 * {@code successThreshold} successes close it again.
 *
 * <p>The breaker is per endpoint for {@link Failover} methods, else shared by {@link #name()}, else one per method
 * ({@code "com.acme.ChatService#complete"}). Unset attributes come from {@code circuit-breaker.<policy>} in retry.yaml.
 *
 * <pre>{@code
 * @LlmCircuitBreaker(name = "chat", failureThreshold = 5, recoveryTime = "60s")
 * public String complete(String prompt) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface LlmCircuitBreaker {
    /** The value of an int attribute that was not set. */
    int UNSET = Integer.MIN_VALUE;

    /** Shared breaker name; empty means the endpoint (with {@link Failover}) or {@code "<fqcn>#<method>"}. */
    String name() default "";

    /** Named breaker policy in retry.yaml ({@code circuit-breaker.<name>}); empty means {@code default}. */
    String policy() default "";

    /** Consecutive counted failures that open the circuit; at least 1. */
    int failureThreshold() default UNSET;

    /** How long an open circuit stays open before it is probed: {@code "120s"}. */
    String recoveryTime() default "";

    /** Successful trial calls that close a half-open circuit; at least 1. */
    int successThreshold() default UNSET;

    /** Trial calls let through at once while half-open; at least 1. */
    int halfOpenMaxCalls() default UNSET;
}
