/**
 * The annotations that put a method under llm-retry's protection: {@link dev.llmretry.annotation.LlmRetry},
 * {@link dev.llmretry.annotation.LlmCircuitBreaker} and {@link dev.llmretry.annotation.Failover}. They carry
 * configuration only; the AspectJ advice in {@code retry-runtime} applies it, and {@code retry-processor} checks it
 * at compile time.
 */
package dev.llmretry.annotation;
