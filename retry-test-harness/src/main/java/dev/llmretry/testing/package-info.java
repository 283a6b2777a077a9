/**
 * The llm-retry test harness: tools for testing code that calls LLM endpoints, with or without
 * llm-retry. {@link dev.llmretry.testing.FakeLlmServer} is a real OpenAI-compatible HTTP server on
 * 127.0.0.1 whose answers are scripted with {@link dev.llmretry.testing.FakeResponse} (any status,
 * provider error bodies, {@code Retry-After}, latency, dropped connections, streams cut half-way) and
 * which records every {@link dev.llmretry.testing.RecordedRequest}; it works standalone (the demo
 * uses it) and as a JUnit 5 {@code @RegisterExtension}. {@link dev.llmretry.testing.LlmRetryTest} (or a
 * registered {@link dev.llmretry.testing.LlmRetryExtension}) runs each test against a fresh llm-retry runtime in
 * virtual time ({@link dev.llmretry.testing.VirtualClock}), with faults injected in-process before the body runs
 * ({@link dev.llmretry.testing.Faults}), every attempt and event recorded
 * ({@link dev.llmretry.testing.RecordedEvents}, {@link dev.llmretry.testing.EventAssert}), and a check that the
 * classes under test were woven. See docs/testing.md. Everything under {@code dev.llmretry.testing.server} is
 * internal.
 */
package dev.llmretry.testing;
