package dev.llmretry.reliability;

import dev.llmretry.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fake upstream that fails every attempt with the next failure of a fixed cycle (per endpoint), or hangs until
 * interrupted; records every {@link Endpoint} it was handed. Used by the secret-leak and cancellation tests.
 * Thread-safe.
 */
public final class ScriptedUpstream {
    private final List<Supplier<Exception>> failures;
    private final Map<String, AtomicInteger> positions = new ConcurrentHashMap<>();
    private final List<Endpoint> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger invocations = new AtomicInteger();

    /** @param failures the cycle of failures each endpoint goes through; empty = every attempt hangs */
    public ScriptedUpstream(List<Supplier<Exception>> failures) {
        this.failures = List.copyOf(failures);
    }

    public String call(Endpoint endpoint) throws Exception {
        invocations.incrementAndGet();
        seen.add(endpoint);
        if (failures.isEmpty()) {
            new CountDownLatch(1).await(); // hangs until the attempt-timeout (or the caller) interrupts it
            return "unreachable";
        }
        int i = positions.computeIfAbsent(endpoint.name(), k -> new AtomicInteger()).getAndIncrement();
        throw failures.get(i % failures.size()).get();
    }

    public List<Endpoint> endpointsSeen() { return List.copyOf(seen); }

    public int invocations() { return invocations.get(); }
}
