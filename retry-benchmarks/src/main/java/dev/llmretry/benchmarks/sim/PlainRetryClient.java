package dev.llmretry.benchmarks.sim;

import dev.llmretry.testing.VirtualClock;
import java.util.concurrent.CompletableFuture;

/**
 * What most code does: up to {@code maxAttempts} attempts on the primary, a fixed small delay between them, every
 * failure retried. With one attempt it is "no resilience".
 */
final class PlainRetryClient implements Client {
    private final VirtualClock clock;
    private final World world;
    private final int maxAttempts;
    private final long delayNanos;

    PlainRetryClient(VirtualClock clock, World world, int maxAttempts, long delayNanos) {
        this.clock = clock;
        this.world = world;
        this.maxAttempts = maxAttempts;
        this.delayNanos = delayNanos;
    }

    @Override
    public CompletableFuture<?> call(int user) {
        CompletableFuture<String> result = new CompletableFuture<>();
        attempt(user, 1, result);
        return result;
    }

    private void attempt(int user, int n, CompletableFuture<String> result) {
        RuntimeException failure = world.request(World.PRIMARY, user);
        if (failure == null) result.complete("answer");
        else if (n >= maxAttempts) result.completeExceptionally(failure);
        else clock.schedule(() -> attempt(user, n + 1, result), delayNanos);
    }
}
