package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Woven methods of every plan kind (endpoint targets, a named breaker, retry only, failover only) for the soak that
 * reloads retry.yaml while they make their first calls. One attempt in {@code failEvery} fails with a 503.
 * Thread-safe.
 */
public class ReloadService {
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failing = new AtomicLong();
    private final int failEvery;

    public ReloadService(int failEvery) {
        this.failEvery = failEvery;
    }

    private String answer(String from) {
        if (attempts.incrementAndGet() % failEvery == 0) throw new LlmHttpException(503, Map.of(), "");
        return from;
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public String failover(String q, Endpoint endpoint) {
        return answer(endpoint.name() + " " + endpoint.url());
    }

    @LlmRetry
    @LlmCircuitBreaker(name = "reload-shared")
    public String named(String q) {
        return answer("named");
    }

    @LlmRetry
    public String retryOnly(String q) {
        return answer("retry");
    }

    @Failover(endpoints = {"oneapi", "iag"})
    public String failoverOnly(String q, Endpoint endpoint) {
        return answer(endpoint.name());
    }

    /** What the injected endpoint says: name, url, model and api-key (the reload test rotates them). */
    @Failover(endpoints = {"iag", "oneapi"})
    public String whoAnswers(String q, Endpoint endpoint) {
        return endpoint.name() + " " + endpoint.url() + " " + endpoint.model() + " " + endpoint.apiKey();
    }

    /** Fails every attempt; {@link #failingAttempts()} counts them. */
    @LlmRetry
    public String alwaysFails(String q) {
        failing.incrementAndGet();
        throw new LlmHttpException(503, Map.of(), "");
    }

    public long failingAttempts() { return failing.get(); }
}
