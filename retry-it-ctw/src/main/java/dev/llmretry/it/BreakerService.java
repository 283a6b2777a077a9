package dev.llmretry.it;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.annotation.LlmCircuitBreaker;

/** Breakers by name and by method, and the failover strategies, over a {@link ScriptedBackend}. */
public class BreakerService {
    private final ScriptedBackend backend;

    public BreakerService(ScriptedBackend backend) {
        this.backend = backend;
    }

    @LlmCircuitBreaker(name = "billing", failureThreshold = 2, recoveryTime = "30s")
    public String invoice(String q) throws Exception {
        return backend.call("billing", q);
    }

    /** Shares the "billing" breaker with {@link #invoice}. */
    @LlmCircuitBreaker(name = "billing", failureThreshold = 2, recoveryTime = "30s")
    public String refund(String q) throws Exception {
        return backend.call("billing", q);
    }

    /** A breaker of its own, named after the method. */
    @LlmCircuitBreaker(failureThreshold = 1, recoveryTime = "10s")
    public String lonely(String q) throws Exception {
        return backend.call("lonely", q);
    }

    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.ROUND_ROBIN)
    public String roundRobin(String q, Endpoint endpoint) throws Exception {
        return backend.call(endpoint.name(), q);
    }

    @Failover(endpoints = {"iag", "oneapi", "litellm"}, strategy = FailoverStrategy.SUCCESS_RATE)
    public String bestRate(String q, Endpoint endpoint) throws Exception {
        return backend.call(endpoint.name(), q);
    }
}
