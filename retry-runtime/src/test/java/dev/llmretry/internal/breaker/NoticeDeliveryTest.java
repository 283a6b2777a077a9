package dev.llmretry.internal.breaker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.config.SettingsPatch;
import dev.llmretry.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Notices of state changes: delivered in order, and no caller is stuck delivering other callers' notices while a
 * circuit keeps flapping (issue 14, item 11).
 */
class NoticeDeliveryTest {
    static final long S = 1_000_000_000L;
    final AtomicLong nanos = new AtomicLong();
    final TimeSource time = new TimeSource() {
        public long nanoTime() { return nanos.get(); }
        public Instant now() { return Instant.EPOCH.plusNanos(nanos.get()); }
        public void sleep(long n) { nanos.addAndGet(n); }
        public Cancellable schedule(Runnable task, long n) { throw new UnsupportedOperationException(); }
    };
    /** Sequence numbers of the notices, in the order they were delivered. */
    final List<Integer> delivered = new ArrayList<>();
    final AtomicInteger changes = new AtomicInteger();
    /** Notices delivered by each thread during its current breaker call (reset before each call). */
    final ThreadLocal<int[]> deliveredInThisCall = ThreadLocal.withInitial(() -> new int[1]);

    CircuitBreaker breaker(CircuitBreaker.TransitionListener listener) {
        BreakerSettings s = BreakerSettings.defaults().apply(SettingsPatch.breaker("test", "")
                .put("failure-threshold", "1").put("recovery-time", "1s").build());
        return new CircuitBreaker("iag", s, () -> time, listener);
    }

    @Test
    void callerDeliveringASlowNotice_circuitKeepsFlapping_callerDeliversABoundedNumber_allArriveInOrder() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            CountDownLatch firstDelivering = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ConcurrentHashMap<String, AtomicInteger> byThread = new ConcurrentHashMap<>();
            CircuitBreaker b = breaker((br, from, to, at) -> {
                int seq = changes.incrementAndGet();
                return () -> {
                    if (seq == 1) {
                        firstDelivering.countDown();
                        awaitQuietly(release);
                    }
                    byThread.computeIfAbsent(Thread.currentThread().getName(), n -> new AtomicInteger()).incrementAndGet();
                    synchronized (delivered) {
                        delivered.add(seq);
                    }
                };
            });
            Thread opener = new Thread(() -> b.onFailure(b.tryAcquire()), "opener");
            opener.start();
            firstDelivering.await();
            for (int i = 0; i < 200; i++) flap(b);    // 400 more changes, queued behind the opener's slow notice
            release.countDown();
            opener.join();

            await().atMost(Duration.ofSeconds(10)).until(() -> delivered().size() == 401);
            assertEquals(IntStream.rangeClosed(1, 401).boxed().toList(), delivered(), "in the order of the changes");
            int byOpener = byThread.get("opener").get();
            assertTrue(byOpener <= OrderedNotices.CALLER_BUDGET,
                    "the opener delivered " + byOpener + " notices, most of them other callers'");
            await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().equals("llm-retry-notices"))); // the background deliverer ended
        });
    }

    @Test
    void manyThreadsFlappingOneCircuit_eachCallDeliversABoundedNumberOfNotices_allArriveInOrder() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            AtomicInteger maxInOneCall = new AtomicInteger();
            CircuitBreaker b = breaker((br, from, to, at) -> {
                int seq = changes.incrementAndGet();
                return () -> {
                    deliveredInThisCall.get()[0]++;
                    Thread.onSpinWait();
                    synchronized (delivered) {
                        delivered.add(seq);
                    }
                };
            });
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        deliveredInThisCall.get()[0] = 0;
                        flap(b);
                        maxInOneCall.accumulateAndGet(deliveredInThisCall.get()[0], Math::max);
                    }
                }));
            }
            for (Future<?> f : done) f.get();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

            await().atMost(Duration.ofSeconds(20)).until(() -> delivered().size() == changes.get());
            assertEquals(IntStream.rangeClosed(1, changes.get()).boxed().toList(), delivered(), "in the order of the changes");
            // a flap makes up to three changes; each may let its caller deliver its budget
            assertTrue(maxInOneCall.get() <= 3 * OrderedNotices.CALLER_BUDGET, "one call delivered " + maxInOneCall.get());
        });
    }

    /** Opens the circuit, lets the recovery time pass and fails the trial: CLOSED/HALF_OPEN -> OPEN -> HALF_OPEN -> OPEN. */
    private void flap(CircuitBreaker b) {
        BreakerState permit = b.tryAcquire();
        if (permit != null) b.onFailure(permit);
        nanos.addAndGet(S);
        permit = b.tryAcquire();
        if (permit != null) b.onFailure(permit);
    }

    private List<Integer> delivered() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
