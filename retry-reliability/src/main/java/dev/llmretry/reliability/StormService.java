package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.annotation.LlmRetry;
import java.util.concurrent.CompletableFuture;

/** Woven methods the cancellation and interrupt storms call, plus one probe per endpoint to close its circuit. */
public class StormService {
    private final StormUpstream upstream;

    public StormService(StormUpstream upstream) {
        this.upstream = upstream;
    }

    @LlmRetry(maxAttempts = 40, initialBackoff = "2ms", maxBackoff = "10ms", maxDuration = "5s")
    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.ROUND_ROBIN)
    public String sync(String q, Endpoint endpoint) throws Exception {
        return upstream.call(endpoint);
    }

    @LlmRetry(maxAttempts = 40, initialBackoff = "2ms", maxBackoff = "10ms", maxDuration = "5s")
    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.ROUND_ROBIN)
    public CompletableFuture<String> async(String q, Endpoint endpoint) {
        return upstream.callAsync(endpoint);
    }

    @Failover(endpoints = "iag")
    public String probeIag(Endpoint endpoint) throws Exception {
        return upstream.call(endpoint);
    }

    @Failover(endpoints = "oneapi")
    public String probeOneapi(Endpoint endpoint) throws Exception {
        return upstream.call(endpoint);
    }

    @Failover(endpoints = "litellm")
    public String probeLitellm(Endpoint endpoint) throws Exception {
        return upstream.call(endpoint);
    }
}
