package dev.llmretry.benchmarks.sim;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What seed-style code does by hand: try the primary, on any error the next endpoint at once, then the last one; no
 * waits, no breaker, no memory between calls.
 */
final class PlainFailoverClient implements Client {
    private static final List<String> ORDER = List.of("iag", "oneapi", "litellm");

    private final World world;
    private final long timeoutNanos;

    PlainFailoverClient(World world, long timeoutNanos) {
        this.world = world;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public CompletableFuture<?> call(int user) {
        CompletableFuture<String> result = new CompletableFuture<>();
        attempt(user, 0, result);
        return result;
    }

    private void attempt(int user, int i, CompletableFuture<String> result) {
        world.send(ORDER.get(i), user, timeoutNanos).whenComplete((answer, failure) -> {
            if (failure == null) result.complete(answer);
            else if (i + 1 >= ORDER.size()) result.completeExceptionally(failure);
            else attempt(user, i + 1, result);
        });
    }
}
