/**
 * Reactor return types for annotated methods: {@link dev.llmretry.reactor.ReactorAdvice} (AspectJ, woven next to
 * retry-runtime's advice at compile time or load time) protects methods returning {@code Mono} or {@code Flux}
 * through {@link dev.llmretry.reactor.ReactorCalls}, over the core's {@link dev.llmretry.LlmCall}. Without this module
 * on the class path, retry-processor rejects such methods ({@code LLMR-017}) and the core's advice fails their calls.
 */
package dev.llmretry.reactor;
