/**
 * The llm-retry annotation processor: {@link dev.llmretry.processor.LlmRetryProcessor} checks every
 * {@code @LlmRetry}, {@code @LlmCircuitBreaker} and {@code @Failover} at compile time, one class per check family
 * ({@code RetryChecks}, {@code BreakerChecks}, {@code MethodChecks}, {@code YamlChecks}, {@code PolicyChecks}),
 * all reporting through {@code Diagnostics} with the stable ids of {@code Check}. The rules a call's declaration
 * must follow (names, endpoint lists, {@code retryOn}/{@code abortOn}, {@code Endpoint} parameters) are the
 * runtime's: {@code Declarations} replays the annotations into its {@code DeclaredCall} and {@code DeclarationChecks}
 * reports what it finds, with the runtime's words. retry.yaml is read with the runtime's own config code, compiled
 * into this module and relocated in the jar. See docs/compile-time-checks.md.
 */
package dev.llmretry.processor;
