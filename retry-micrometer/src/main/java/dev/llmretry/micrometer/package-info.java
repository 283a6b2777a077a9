/**
 * Micrometer metrics and observations for llm-retry, fed by its events; plain Micrometer, no Spring needed.
 * {@link dev.llmretry.micrometer.LlmRetryMicrometer#bind} registers the listeners and returns a handle that removes
 * them again. Meter names and tags are the contract of SPEC §11: {@code llmretry.calls}, {@code llmretry.attempts},
 * {@code llmretry.failovers}, {@code llmretry.circuit.state}, {@code llmretry.call.duration}, and the observation
 * {@code llmretry.call}. Every tag value comes from a closed set or a configured name (method, endpoint, breaker), so
 * the number of series is bounded by the application's code and retry.yaml, never by traffic.
 */
package dev.llmretry.micrometer;
