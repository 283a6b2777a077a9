package dev.llmretry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Moves a call to the next healthy endpoint when one cannot serve it. The method declares exactly one parameter of
 * type {@link dev.llmretry.Endpoint}; callers pass {@code null} and each attempt receives the endpoint chosen for it.
 * Every endpoint has its own circuit breaker, so a dead endpoint is skipped until it is probed back in.
 *
 * <pre>{@code
 * @LlmRetry
 * @Failover(endpoints = {"iag", "oneapi", "litellm"})
 * public String complete(String prompt, Endpoint endpoint) {
 *     return chat(endpoint.httpClient(), endpoint.url(), endpoint.apiKey(), prompt);
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Failover {
    /** Endpoint names from {@code endpoints:} in retry.yaml, in order of preference. */
    String[] endpoints();

    /** Order in which endpoints are tried; {@link FailoverStrategy#POLICY} means {@code failover.strategy}. */
    FailoverStrategy strategy() default FailoverStrategy.POLICY;
}
