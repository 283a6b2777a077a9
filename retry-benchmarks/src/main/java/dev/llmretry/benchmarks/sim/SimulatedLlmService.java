package dev.llmretry.benchmarks.sim;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import java.util.concurrent.CompletableFuture;

/**
 * The user's service as llm-retry sees it: an async method woven at build time with {@code @LlmRetry} and
 * {@code @Failover} over the three endpoints, whose body sends one request to the endpoint the advice injected.
 * Everything around the body (choice of endpoint, breakers, classification, backoff, failover) is the real library.
 */
public class SimulatedLlmService {
    private final World world;

    /** A service whose requests go to {@code world}. */
    public SimulatedLlmService(World world) {
        this.world = world;
    }

    /** One user call; callers pass {@code null} for the endpoint, the advice injects the one chosen per attempt. */
    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public CompletableFuture<String> complete(Endpoint endpoint, int user) {
        return world.send(endpoint.name(), user);
    }
}
