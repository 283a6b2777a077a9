package dev.llmretry.benchmarks.sim;

import dev.llmretry.testing.VirtualClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A client that behaves as LiteLLM's Router is documented to (router docs and constants, read 2026-11-30; modelled,
 * not LiteLLM's code): each endpoint is a model group with one deployment, {@code fallbacks} iag → oneapi → litellm;
 * {@code num_retries: 2} on a group before falling back, waiting 0.5 s × 2^n (LiteLLM's initial retry delay, capped at
 * 8 s); a deployment with more than {@code allowed_fails: 3} failures in the current minute cools down for
 * {@code cooldown_time: 5 s} (skipped while cooling down). The percent rule does not apply to a group with a single
 * deployment below 1000 requests a minute. Every error is retried; when every group is cooling down, the call fails.
 */
final class LiteLlmRouterClient implements Client {
    private static final List<String> ORDER = List.of("iag", "oneapi", "litellm");
    private static final int NUM_RETRIES = 2;
    private static final int ALLOWED_FAILS = 3;
    private static final long COOLDOWN = 5 * World.SECOND;
    private static final long MINUTE = 60 * World.SECOND;

    private final VirtualClock clock;
    private final World world;
    private final long timeoutNanos;
    private final Map<String, long[]> failsThisMinute = new HashMap<>(); // {minute, count}
    private final Map<String, Long> coolingUntil = new HashMap<>();

    LiteLlmRouterClient(VirtualClock clock, World world, long timeoutNanos) {
        this.clock = clock;
        this.world = world;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public CompletableFuture<?> call(int user) {
        CompletableFuture<String> result = new CompletableFuture<>();
        group(user, 0, result, null);
        return result;
    }

    /** Tries group {@code g} (and its retries), or the next one that is not cooling down. */
    private void group(int user, int g, CompletableFuture<String> result, Throwable last) {
        while (g < ORDER.size() && coolingUntil.getOrDefault(ORDER.get(g), Long.MIN_VALUE) > clock.nanoTime()) g++;
        if (g >= ORDER.size()) {
            result.completeExceptionally(last != null ? last : new IllegalStateException("No deployments available"));
            return;
        }
        attempt(user, g, 0, result);
    }

    private void attempt(int user, int g, int retry, CompletableFuture<String> result) {
        String endpoint = ORDER.get(g);
        world.send(endpoint, user, timeoutNanos).whenComplete((answer, failure) -> {
            if (failure == null) {
                result.complete(answer);
                return;
            }
            recordFailure(endpoint);
            boolean cooling = coolingUntil.getOrDefault(endpoint, Long.MIN_VALUE) > clock.nanoTime();
            if (retry < NUM_RETRIES && !cooling) {
                long wait = Math.min(8 * World.SECOND, (500_000_000L << retry));
                clock.schedule(() -> attempt(user, g, retry + 1, result), wait);
            } else {
                group(user, g + 1, result, failure);
            }
        });
    }

    private void recordFailure(String endpoint) {
        long minute = clock.nanoTime() / MINUTE;
        long[] m = failsThisMinute.computeIfAbsent(endpoint, e -> new long[] {minute, 0});
        if (m[0] != minute) {
            m[0] = minute;
            m[1] = 0;
        }
        if (++m[1] > ALLOWED_FAILS) coolingUntil.put(endpoint, clock.nanoTime() + COOLDOWN);
    }
}
