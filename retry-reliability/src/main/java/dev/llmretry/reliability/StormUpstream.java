package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The upstream of the cancellation storms: every attempt takes 1–3 ms (a latch wait for blocking calls, a scheduled
 * completion for async ones) and, until {@link #recover()}, fails with 503 at the given rate; counts body
 * invocations per endpoint.
 * Thread-safe.
 */
public final class StormUpstream {
    private final ScheduledExecutorService scheduler;
    private final SplittableRandom random;
    private final Map<String, LongAdder> invocations = new ConcurrentHashMap<>();
    private final int failurePercent;
    private volatile boolean healthy;

    public StormUpstream(ScheduledExecutorService scheduler, long seed, int failurePercent) {
        this.scheduler = scheduler;
        this.random = new SplittableRandom(seed);
        this.failurePercent = failurePercent;
    }

    public void recover() { healthy = true; }

    public long invocations(String endpoint) {
        LongAdder n = invocations.get(endpoint);
        return n == null ? 0 : n.sum();
    }

    public String call(Endpoint endpoint) throws Exception {
        count(endpoint);
        new CountDownLatch(1).await(latencyMillis(), TimeUnit.MILLISECONDS);
        if (succeeds()) return "ok from " + endpoint.name();
        throw new LlmHttpException(503, Map.of(), "");
    }

    public CompletableFuture<String> callAsync(Endpoint endpoint) {
        count(endpoint);
        CompletableFuture<String> f = new CompletableFuture<>();
        boolean ok = succeeds();
        scheduler.schedule(() -> {
            if (ok) f.complete("ok from " + endpoint.name());
            else f.completeExceptionally(new LlmHttpException(503, Map.of(), ""));
        }, latencyMillis(), TimeUnit.MILLISECONDS);
        return f;
    }

    private void count(Endpoint endpoint) {
        invocations.computeIfAbsent(endpoint.name(), k -> new LongAdder()).increment();
    }

    private synchronized boolean succeeds() {
        return healthy || random.nextInt(100) >= failurePercent;
    }

    private synchronized long latencyMillis() {
        return 1 + random.nextInt(3);
    }
}
