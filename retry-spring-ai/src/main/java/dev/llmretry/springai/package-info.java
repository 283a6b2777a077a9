/**
 * Spring AI integration: {@link dev.llmretry.springai.ResilientChatModel}, one Spring AI {@code ChatModel} over
 * several (one per retry.yaml endpoint), with retries that read {@code Retry-After}, per-endpoint circuits, LLM-aware
 * failover and streams retried only before their first element; {@link dev.llmretry.springai.LlmErrorHandler} keeps
 * the response headers of Spring AI's RestClient-based providers. Runs on {@link dev.llmretry.LlmCall}: no weaving.
 */
package dev.llmretry.springai;
