/**
 * The llm-retry test harness: tools for testing code that calls LLM endpoints, with or without
 * llm-retry. {@link dev.llmretry.testing.FakeLlmServer} is a real OpenAI-compatible HTTP server on
 * 127.0.0.1 whose answers are scripted with {@link dev.llmretry.testing.FakeResponse} (any status,
 * provider error bodies, {@code Retry-After}, latency, dropped connections, streams cut half-way) and
 * which records every {@link dev.llmretry.testing.RecordedRequest}; it works standalone (the demo
 * uses it) and as a JUnit 5 {@code @RegisterExtension}. The {@code @LlmRetryTest} extension (virtual
 * time, fault injection in-process, recorded retry events) belongs here too. Everything under
 * {@code dev.llmretry.testing.server} is internal.
 */
package dev.llmretry.testing;
