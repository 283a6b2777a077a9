/**
 * Spring Boot auto-configuration for llm-retry: beans whose methods carry {@code @LlmRetry},
 * {@code @LlmCircuitBreaker} or {@code @Failover} are protected through a Spring AOP advisor over
 * {@link dev.llmretry.LlmCall#forMethod} (no AspectJ weaving), retry.yaml comes from {@code llmretry.config}, every
 * protected bean's plan is validated when the context starts, and the library shuts down with the context. The
 * Actuator parts ({@code llmRetry} health, {@code /actuator/llmretry}) and the Micrometer binding are configured when
 * the application has Actuator and Micrometer. See docs/spring-boot.md.
 */
package dev.llmretry.spring;
