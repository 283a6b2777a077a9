/**
 * llm-retry's public entry points: {@link dev.llmretry.LlmResilience} (reload, health, reset, listeners),
 * {@link dev.llmretry.Endpoint} (injected into {@code @Failover} methods), {@link dev.llmretry.LlmHttpException}
 * (what your HTTP code throws so failures can be classified) and
 * {@link dev.llmretry.EndpointsUnavailableException}.
 */
package dev.llmretry;
