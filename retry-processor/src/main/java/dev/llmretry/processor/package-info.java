/**
 * The llm-retry annotation processor: {@link dev.llmretry.processor.LlmRetryProcessor} checks every
 * {@code @LlmRetry}, {@code @LlmCircuitBreaker} and {@code @Failover} at compile time, one class per check family
 * ({@code RetryChecks}, {@code BreakerChecks}, {@code FailoverChecks}, {@code MethodChecks}, {@code YamlChecks}),
 * all reporting through {@code Diagnostics} with the stable ids of {@code Check}. retry.yaml is read with the
 * runtime's own {@code dev.llmretry.config} code, compiled into this module and relocated to
 * {@code dev.llmretry.processor.internal.config} in the jar. See docs/compile-time-checks.md.
 */
package dev.llmretry.processor;
