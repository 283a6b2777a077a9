package dev.llmretry.reliability;

import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A woven service for the redeploy test: its calls start every thread the library owns (the sync call the deadline
 * watchdog; the async call, whose first attempt fails, the scheduler and a worker).
 */
public class LifecycleService {
    private final AtomicInteger asyncAttempts = new AtomicInteger();

    @LlmRetry(maxAttempts = 2, initialBackoff = "10ms", jitter = Jitter.NONE)
    public String ask(String q) {
        return "answer to " + q;
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "10ms", jitter = Jitter.NONE)
    public CompletableFuture<String> askAsync(String q) {
        return asyncAttempts.incrementAndGet() == 1 ? CompletableFuture.failedFuture(new LlmHttpException(503, Map.of(), ""))
                : CompletableFuture.completedFuture("answer to " + q);
    }
}
