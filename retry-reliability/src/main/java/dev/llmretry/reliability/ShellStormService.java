package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.annotation.LlmRetry;
import java.util.concurrent.Flow;

/** Woven methods of the shell soak: publishers left before their first element, and blocking calls that hang. */
public class ShellStormService {
    private final ShellUpstream upstream;

    public ShellStormService(ShellUpstream upstream) {
        this.upstream = upstream;
    }

    @LlmRetry(maxAttempts = 10, initialBackoff = "2ms", maxBackoff = "10ms", maxDuration = "5s", attemptTimeout = "20ms")
    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.ROUND_ROBIN)
    public Flow.Publisher<String> publisher(String q, Endpoint endpoint) {
        return upstream.publisher(endpoint);
    }

    /** No attempt-timeout: only max-duration ends an attempt that hangs. */
    @LlmRetry(maxAttempts = 5, initialBackoff = "2ms", maxBackoff = "10ms", maxDuration = "200ms")
    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.ROUND_ROBIN)
    public String sync(String q, Endpoint endpoint) throws Exception {
        return upstream.call(endpoint);
    }
}
