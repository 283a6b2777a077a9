package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.util.concurrent.CompletableFuture;

/** Woven methods whose upstream fails with secrets echoed in its errors: the secret-leak test calls them. */
public class SecretService {
    private final ScriptedUpstream upstream;
    private final ScriptedUpstream hanging;

    public SecretService(ScriptedUpstream upstream, ScriptedUpstream hanging) {
        this.upstream = upstream;
        this.hanging = hanging;
    }

    @LlmRetry(maxAttempts = 6, initialBackoff = "1ms", maxBackoff = "2ms", jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi"})
    public String chat(String q, Endpoint endpoint) throws Exception {
        return upstream.call(endpoint);
    }

    @LlmRetry(maxAttempts = 6, initialBackoff = "1ms", maxBackoff = "2ms", jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi"})
    public CompletableFuture<String> chatAsync(String q, Endpoint endpoint) {
        try {
            return CompletableFuture.completedFuture(upstream.call(endpoint));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Hangs on every attempt: the {@code slow} policy's attempt-timeout ends each one. */
    @LlmRetry(policy = "slow")
    @LlmCircuitBreaker(name = "slow-breaker")
    public String slow(String q, Endpoint endpoint) throws Exception {
        return hanging.call(endpoint);
    }
}
