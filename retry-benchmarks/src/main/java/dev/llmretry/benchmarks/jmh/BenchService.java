package dev.llmretry.benchmarks.jmh;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The same trivial "LLM call" behind every benchmark: it returns one of eight constant strings picked by the
 * prompt's length, so the measured cost is the wrapper's. Each variant is the same body under a different wrapper.
 * Stateless; thread-safe.
 */
public class BenchService {
    private static final String[] ANSWERS = {"a", "b", "c", "d", "e", "f", "g", "h"};

    /** The plain body, unwoven. */
    public String call(String q) {
        return ANSWERS[q.length() & 7];
    }

    /** The body under the annotation-style floor aspect ({@link FloorAspect}). */
    @Guarded
    public String callFloor(String q) {
        return ANSWERS[q.length() & 7];
    }

    /** The body under the code-style floor aspect ({@code CodeStyleFloor.aj}). */
    @CodeGuarded
    public String callCodeFloor(String q) {
        return ANSWERS[q.length() & 7];
    }

    /** The body under llm-retry's retry only (no circuit, one implicit endpoint). */
    @LlmRetry
    public String callRetry(String q) {
        return ANSWERS[q.length() & 7];
    }

    /** The body under retry, circuit breaker and failover across the three endpoints of the benchmark's retry.yaml. */
    @LlmRetry
    @LlmCircuitBreaker
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String callFull(Endpoint endpoint, String q) {
        return ANSWERS[(q.length() + endpoint.name().length()) & 7];
    }

    /** {@link #callFull} with a result that completes later: the shaped advice and the async shell. */
    @LlmRetry
    @LlmCircuitBreaker
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public CompletableFuture<String> callFullAsync(Endpoint endpoint, String q) {
        return CompletableFuture.completedFuture(ANSWERS[(q.length() + endpoint.name().length()) & 7]);
    }

    /** {@link #callFull} with a streamed result: the shaped advice and the stream shell (first element fetched). */
    @LlmRetry
    @LlmCircuitBreaker
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public Stream<String> callFullStream(Endpoint endpoint, String q) {
        return Stream.of(ANSWERS[(q.length() + endpoint.name().length()) & 7]);
    }
}
