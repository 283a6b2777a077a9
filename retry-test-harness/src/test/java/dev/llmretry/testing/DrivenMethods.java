package dev.llmretry.testing;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;

/** Annotated methods whose plans {@link Driver} runs; never called (and, like everything here, not woven). */
final class DrivenMethods {
    private DrivenMethods() {
    }

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    static String chat(String q, Endpoint endpoint) {
        throw new UnsupportedOperationException("driven by Driver");
    }

    @LlmRetry(maxAttempts = 4, initialBackoff = "1s", jitter = Jitter.NONE)
    static String ask(String q) {
        throw new UnsupportedOperationException("driven by Driver");
    }
}
