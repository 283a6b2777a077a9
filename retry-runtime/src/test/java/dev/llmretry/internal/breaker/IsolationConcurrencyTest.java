package dev.llmretry.internal.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.health.EndpointHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The availability rules under many threads at once, each test under a watchdog: noise never opens a circuit, a
 * dead endpoint opens once, last-resort probes and retry budgets hand out exactly their quota, and the in-flight
 * count returns to zero.
 */
class IsolationConcurrencyTest {
    static final long MS = 1_000_000L;
    static final int THREADS = 16;
    final ManualTime time = new ManualTime(1_000_000 * MS);
    final AtomicLong nanos = time.nanos;
    final List<String> transitions = Collections.synchronizedList(new ArrayList<>());
    final EndpointHealth health = new EndpointHealth(Duration.ofSeconds(60));
    final CircuitBreaker breaker = new CircuitBreaker("iag", BreakerSettings.defaults(), () -> time,
            (b, from, to, at) -> () -> transitions.add(from + "->" + to),
            RecentOutcomes.of(health::successRate, health::windowRequests, health::totalRequests, Duration.ofSeconds(60)));
    final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Runs {@code task(thread)} on every thread at once; returns the results. */
    private <T> List<T> onEveryThread(ThreadTask<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return task.run(thread);
            }));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) out.add(f.get(60, TimeUnit.SECONDS));
        return out;
    }

    @FunctionalInterface
    interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    private void outcome(BreakerState permit, boolean fails) {
        if (fails) {
            health.recordFailure(nanos.get(), "503", time.now());
            breaker.onFailure(permit);
        } else {
            health.recordSuccess(nanos.get());
            breaker.onSuccess(permit);
        }
    }

    @Test
    void sixteenThreads_fifteenPercentRandomFailures_neverOpen_andNothingStaysInFlight() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<Integer> refused = onEveryThread(thread -> {
                SplittableRandom random = new SplittableRandom(thread);
                int no = 0;
                // 80,000 requests over 80 virtual seconds. Threads interleave at random, so the outcome stream differs
                // per run: ten failures in a row somewhere in it (the outage rule) happen about once in 2,500 runs
                for (int i = 0; i < 5_000; i++) {
                    nanos.addAndGet(MS); // each request moves the clock 1 ms
                    BreakerState permit = breaker.tryAcquire();
                    if (permit == null) no++;
                    else outcome(permit, random.nextDouble() < 0.15);
                }
                return no;
            });
            assertEquals(List.of(), transitions, "noise opened the circuit");
            assertTrue(refused.stream().allMatch(n -> n == 0), "refused: " + refused);
            assertEquals(0, breaker.inFlight());
        });
    }

    @Test
    void sixteenThreads_deadEndpoint_opensExactlyOnce_thenOneProbePerHalfSecond() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            onEveryThread(thread -> {
                for (int i = 0; i < 200; i++) {
                    BreakerState permit = breaker.tryAcquire();
                    if (permit != null) outcome(permit, true);
                }
                return null;
            });
            assertEquals(List.of("CLOSED->OPEN"), transitions);
            assertEquals(0, breaker.inFlight());

            nanos.addAndGet(500 * MS);
            AtomicInteger probes = new AtomicInteger();
            onEveryThread(thread -> {
                BreakerState probe = breaker.tryProbe();
                if (probe != null) {
                    probes.incrementAndGet();
                    outcome(probe, true);
                }
                return null;
            });
            assertEquals(1, probes.get(), "one last-resort probe per half second, however many callers");
            assertEquals(List.of("CLOSED->OPEN"), transitions, "a failed probe changes nothing");
        });
    }

    @Test
    void sixteenThreads_retryBudget_handsOutExactlyItsShare() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1000; i++) health.recordSuccess(nanos.get());
            List<Integer> granted = onEveryThread(thread -> {
                int n = 0;
                for (int i = 0; i < 100; i++) if (breaker.tryRetry(nanos.get())) n++;
                return n;
            });
            assertEquals(206, granted.stream().mapToInt(Integer::intValue).sum(), "20% of 1000 + 0.1/s over 60 s");
        });
    }
}
