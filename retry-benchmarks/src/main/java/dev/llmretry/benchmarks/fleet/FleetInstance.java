package dev.llmretry.benchmarks.fleet;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.breaker.BreakerState;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.breaker.RecentOutcomes;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.health.EndpointHealth;
import dev.llmretry.internal.store.FleetBridge;
import dev.llmretry.store.Outcomes;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * One instance of the fleet: the real {@link CircuitBreaker} per endpoint (SPEC defaults) and the real
 * {@link FleetBridge}, driven by the call loop of llm-retry's defaults: up to 6 attempts, full-jitter backoff from
 * 1 s (x2, at most 30 s) between attempts on one endpoint, a move to the next endpoint at once after
 * {@code failure-threshold} failures in a call or when the endpoint's circuit is open. (The woven runtime is one per
 * JVM, so N instances in one simulation share its classes, not its singleton.)
 */
final class FleetInstance {
    static final List<String> ENDPOINTS = List.of("iag", "oneapi");
    private static final int MAX_ATTEMPTS = 6;
    private static final long INITIAL_BACKOFF = 1_000_000_000L;
    private static final long MAX_BACKOFF = 30_000_000_000L;

    final FleetBridge bridge;
    private final VirtualClock clock;
    private final FleetWorld world;
    private final Random random;
    private final Map<String, CircuitBreaker> breakers = new java.util.LinkedHashMap<>();
    private final Map<String, EndpointHealth> health = new java.util.HashMap<>();

    FleetInstance(VirtualClock clock, FleetWorld world, long seed) {
        this.clock = clock;
        this.world = world;
        this.random = new Random(seed);
        this.bridge = new FleetBridge(breakers::get, n -> Outcomes.NONE, () -> Set.copyOf(ENDPOINTS), clock::now,
                clock::nanoTime, () -> 60_000);
        for (String name : ENDPOINTS) {
            EndpointHealth h = new EndpointHealth(Duration.ofSeconds(60));
            CircuitBreaker b = new CircuitBreaker(name, BreakerSettings.defaults(), () -> clock,
                    (cb, from, to, at, caller) -> {
                        if (to == CircuitState.OPEN) world.opened(clock.nanoTime());
                        return bridge.changed(cb, to, at);
                    }, bridge.recent(name, RecentOutcomes.of(h::successRate, h::windowRequests, h::totalRequests,
                            Duration.ofSeconds(60))));
            b.trialGate(() -> bridge.mayProbe(name));
            b.streakListener(bridge.streak(name));
            breakers.put(name, b);
            health.put(name, h);
        }
    }

    /** One user call; {@code done} gets the time it added to the answer's own (or -1 when it failed). */
    void call(LongConsumer done) {
        new Call(clock.nanoTime(), done).attempt(0, 0, 0);
    }

    private final class Call {
        final long start;
        final LongConsumer done;

        Call(long start, LongConsumer done) {
            this.start = start;
            this.done = done;
        }

        void attempt(int endpoint, int failuresHere, int attempts) {
            for (int i = endpoint; i < ENDPOINTS.size(); i++) {
                String name = ENDPOINTS.get(i);
                BreakerState permit = breakers.get(name).tryAcquire();
                if (permit == null) continue;
                int at = i;
                int here = i == endpoint ? failuresHere : 0;
                world.send(name, ok -> {
                    CircuitBreaker b = breakers.get(name);
                    EndpointHealth h = health.get(name);
                    if (ok) {
                        h.recordSuccess(clock.nanoTime());
                        b.onSuccess(permit);
                        done.accept(clock.nanoTime() - start - FleetWorld.ANSWER_NANOS);
                        return;
                    }
                    h.recordFailure(clock.nanoTime(), "503", clock.now());
                    b.onFailure(permit);
                    int tried = attempts + 1;
                    if (tried >= MAX_ATTEMPTS) done.accept(-1);
                    else if (here + 1 >= b.settings().failureThreshold() || b.state() != CircuitState.CLOSED) {
                        attempt(at + 1, 0, tried);                         // fail over at once
                    } else {
                        long cap = Math.min(MAX_BACKOFF, INITIAL_BACKOFF << here);
                        long wait = (long) (random.nextDouble() * cap);    // full jitter
                        world.backoff(clock.nanoTime());
                        clock.schedule(() -> attempt(at, here + 1, tried), wait);
                    }
                });
                return;
            }
            done.accept(-1); // every circuit open: cannot happen here, the secondary stays healthy
        }
    }
}
