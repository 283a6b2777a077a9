package dev.llmretry.benchmarks.sim;

import dev.llmretry.testing.VirtualClock;
import java.util.concurrent.CompletableFuture;

/** A plain retry loop on the primary: up to {@code maxAttempts} attempts, a fixed wait between them, every error retried. */
final class PlainRetryClient implements Client {
    private final VirtualClock clock;
    private final World world;
    private final int maxAttempts;
    private final long delayNanos;
    private final long timeoutNanos;

    PlainRetryClient(VirtualClock clock, World world, int maxAttempts, long delayNanos, long timeoutNanos) {
        this.clock = clock;
        this.world = world;
        this.maxAttempts = maxAttempts;
        this.delayNanos = delayNanos;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public CompletableFuture<?> call(int user) {
        CompletableFuture<String> result = new CompletableFuture<>();
        attempt(user, 1, result);
        return result;
    }

    private void attempt(int user, int n, CompletableFuture<String> result) {
        world.send(World.PRIMARY, user, timeoutNanos).whenComplete((answer, failure) -> {
            if (failure == null) result.complete(answer);
            else if (n >= maxAttempts) result.completeExceptionally(failure);
            else clock.schedule(() -> attempt(user, n + 1, result), delayNanos);
        });
    }
}
