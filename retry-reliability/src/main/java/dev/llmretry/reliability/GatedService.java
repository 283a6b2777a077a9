package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A woven async failover method whose attempts return whatever future the test hands out per endpoint. */
public class GatedService {
    private volatile Function<String, CompletableFuture<String>> attempts;

    public void onAttempt(Function<String, CompletableFuture<String>> attemptsByEndpoint) {
        this.attempts = attemptsByEndpoint;
    }

    @Failover(endpoints = {"iag", "oneapi"})
    public CompletableFuture<String> ask(String q, Endpoint endpoint) {
        return attempts.apply(endpoint.name());
    }
}
