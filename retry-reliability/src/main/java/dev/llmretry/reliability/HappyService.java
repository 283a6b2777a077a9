package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.util.Map;

/** A fully protected woven method for the bounded-memory test: succeeds, except that every n-th attempt fails once. */
public class HappyService {
    private final int failEvery;
    private long attempts;

    public HappyService(int failEvery) {
        this.failEvery = failEvery;
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "10ms", jitter = Jitter.NONE)
    @LlmCircuitBreaker
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String chat(String q, Endpoint endpoint) throws LlmHttpException {
        if (++attempts % failEvery == 0) throw new LlmHttpException(503, Map.of(), "");
        return endpoint.name();
    }

    public long attempts() { return attempts; }
}
