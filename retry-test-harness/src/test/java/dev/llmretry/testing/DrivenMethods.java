package dev.llmretry.testing;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;

/** Annotated methods whose plans {@link Driver} runs; never called (and, like everything here, not woven). */
final class DrivenMethods {
    private DrivenMethods() {
    }

    /** Declares no checked exception: a checked fault must be refused. */
    @LlmRetry(maxAttempts = 2, jitter = Jitter.NONE)
    static String strict(String q) {
        throw new UnsupportedOperationException("driven by Driver");
    }

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    static String chat(String q, Endpoint endpoint) throws java.io.IOException {
        throw new UnsupportedOperationException("driven by Driver");
    }

    @LlmRetry(maxAttempts = 4, initialBackoff = "1s", jitter = Jitter.NONE)
    static String ask(String q) throws java.io.IOException {
        throw new UnsupportedOperationException("driven by Driver");
    }
}
