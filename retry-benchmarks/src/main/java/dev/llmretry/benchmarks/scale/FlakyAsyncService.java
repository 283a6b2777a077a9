package dev.llmretry.benchmarks.scale;

import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.LlmRetry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A woven async service whose first attempt for each request id fails with a 503 and whose second succeeds, so
 * every call spends one backoff waiting. Counts the attempts it saw. Thread-safe.
 */
public class FlakyAsyncService {
    private final Map<Integer, Boolean> failedOnce = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();

    /** One call; fails the first time it sees {@code id}. */
    @LlmRetry(maxAttempts = 3)
    public CompletableFuture<String> complete(int id) {
        attempts.incrementAndGet();
        if (failedOnce.putIfAbsent(id, Boolean.TRUE) == null) {
            return CompletableFuture.failedFuture(new LlmHttpException(503, Map.of(), "overloaded"));
        }
        return CompletableFuture.completedFuture("answer " + id);
    }

    /** Attempts made so far, first ones included. */
    public int attempts() {
        return attempts.get();
    }
}
