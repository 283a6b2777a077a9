package dev.llmretry.internal.breaker;

import dev.llmretry.breaker.CircuitState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.config.SettingsPatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    static final long S = 1_000_000_000L;
    final ManualTime time = new ManualTime(0);
    final AtomicLong nanos = time.nanos;
    final List<String> transitions = Collections.synchronizedList(new ArrayList<>());

    CircuitBreaker breaker(String... patch) {
        SettingsPatch.Builder p = SettingsPatch.breaker("test", "");
        for (int i = 0; i < patch.length; i += 2) p.put(patch[i], patch[i + 1]);
        BreakerSettings s = BreakerSettings.defaults().apply(p.build());
        return new CircuitBreaker("iag", s, () -> time, (b, from, to, at) -> () -> transitions.add(from + "->" + to));
    }

    @Test
    void consecutiveFailures_reachThreshold_circuitOpens() {
        CircuitBreaker b = breaker("failure-threshold", "3");
        assertFalse(b.onFailure(b.tryAcquire()));
        assertFalse(b.onFailure(b.tryAcquire()));
        assertTrue(b.onFailure(b.tryAcquire()));
        assertEquals(CircuitState.OPEN, b.state());
        assertNull(b.tryAcquire());
        assertEquals(List.of("CLOSED->OPEN"), transitions);
    }

    @Test
    void consecutiveFailures_areKeptWhileOpen_growOnAFailedTrial_resetOnASuccessfulOne() {
        CircuitBreaker b = breaker("failure-threshold", "3", "recovery-time", "10s", "success-threshold", "2");
        for (int i = 0; i < 3; i++) b.onFailure(b.tryAcquire());
        assertEquals(3, b.consecutiveFailures(), "open: the count that opened it");
        nanos.addAndGet(10 * S);
        b.onFailure(b.tryAcquire());
        assertEquals(4, b.consecutiveFailures(), "a failed trial adds one");
        nanos.addAndGet(10 * S);
        BreakerState trial = b.tryAcquire();
        assertEquals(4, b.consecutiveFailures());
        b.onSuccess(trial);
        assertEquals(0, b.consecutiveFailures(), "a successful trial ends the run of failures");
    }

    @Test
    void successInBetween_resetsTheConsecutiveCount() {
        CircuitBreaker b = breaker("failure-threshold", "3");
        b.onFailure(b.tryAcquire());
        b.onFailure(b.tryAcquire());
        b.onSuccess(b.tryAcquire());
        assertEquals(0, b.consecutiveFailures());
        b.onFailure(b.tryAcquire());
        b.onFailure(b.tryAcquire());
        assertEquals(CircuitState.CLOSED, b.state());
    }

    @Test
    void ignoredFailures_neverCount() {
        CircuitBreaker b = breaker("failure-threshold", "1");
        for (int i = 0; i < 5; i++) b.onIgnored(b.tryAcquire());
        assertEquals(CircuitState.CLOSED, b.state());
    }

    @Test
    void afterRecoveryTime_halfOpen_trialSuccessesClose() {
        CircuitBreaker b = breaker("failure-threshold", "1", "recovery-time", "120s", "success-threshold", "2");
        b.onFailure(b.tryAcquire());
        nanos.addAndGet(119 * S);
        assertNull(b.tryAcquire());
        assertNotNull(b.retryAt());
        nanos.addAndGet(S);
        BreakerState trial = b.tryAcquire();
        assertTrue(trial.isTrial());
        b.onSuccess(trial);
        assertEquals(CircuitState.HALF_OPEN, b.state());
        b.onSuccess(b.tryAcquire());
        assertEquals(CircuitState.CLOSED, b.state());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), transitions);
    }

    @Test
    void failedTrial_reopensForAnotherRecoveryTime() {
        CircuitBreaker b = breaker("failure-threshold", "1", "recovery-time", "60s");
        b.onFailure(b.tryAcquire());
        nanos.addAndGet(60 * S);
        assertTrue(b.onFailure(b.tryAcquire()));
        assertEquals(CircuitState.OPEN, b.state());
        nanos.addAndGet(59 * S);
        assertNull(b.tryAcquire());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN"), transitions);
    }

    @Test
    void halfOpen_admitsOneTrialFirst_thenAtMostMaxCalls_untilOneEnds() {
        CircuitBreaker b = breaker("failure-threshold", "1", "half-open-max-calls", "2", "success-threshold", "3");
        b.onFailure(b.tryAcquire());
        nanos.addAndGet(200 * S);
        BreakerState first = b.tryAcquire();
        assertNotNull(first);
        assertNull(b.tryAcquire(), "one trial until one has answered (a dead endpoint gets one request a round)");
        b.onSuccess(first);
        BreakerState t1 = b.tryAcquire(), t2 = b.tryAcquire();
        assertNotNull(t1);
        assertNotNull(t2);
        assertNull(b.tryAcquire());
        b.onSuccess(t1);
        assertNotNull(b.tryAcquire());
    }

    @Test
    void abortedTrial_givesItsSlotBack() {
        CircuitBreaker b = breaker("failure-threshold", "1", "half-open-max-calls", "1");
        b.onFailure(b.tryAcquire());
        nanos.addAndGet(200 * S);
        BreakerState t = b.tryAcquire();
        assertNull(b.tryAcquire());
        b.onIgnored(t);
        assertNotNull(b.tryAcquire());
    }

    @Test
    void failureRate_opensWithoutConsecutiveFailures() {
        CircuitBreaker b = breaker("failure-threshold", "100", "failure-rate-threshold", "0.5",
                "sliding-window-size", "10", "minimum-calls", "10");
        for (int i = 0; i < 10 && b.state() == CircuitState.CLOSED; i++) {
            if (i % 2 == 1) b.onFailure(b.tryAcquire()); else b.onSuccess(b.tryAcquire());
        }
        assertEquals(CircuitState.OPEN, b.state());
    }

    @Test
    void manualReset_closesAnOpenCircuit() {
        CircuitBreaker b = breaker("failure-threshold", "1");
        b.onFailure(b.tryAcquire());
        b.reset();
        assertEquals(CircuitState.CLOSED, b.state());
        assertNotNull(b.tryAcquire());
    }

    @Test
    void manyThreads_hammeringHalfOpen_oneTrialThenExactlyMaxCallsAdmitted_countsAddUp() throws Exception {
        int threads = 32;
        CircuitBreaker b = breaker("failure-threshold", "1", "half-open-max-calls", "3", "success-threshold", "1000");
        b.onFailure(b.tryAcquire());
        nanos.addAndGet(121 * S);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<BreakerState> first = hammer(b, pool, threads);
            assertEquals(1, first.size(), "one trial first");
            b.onSuccess(first.get(0));
            assertEquals(3, hammer(b, pool, threads).size(), "then half-open-max-calls at once");
            assertEquals(CircuitState.HALF_OPEN, b.state());
            assertEquals(1, transitions.stream().filter("OPEN->HALF_OPEN"::equals).count());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code threads} callers ask for a permit at the same moment; the permits they got. */
    private static List<BreakerState> hammer(CircuitBreaker b, ExecutorService pool, int threads) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<BreakerState>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return b.tryAcquire();
            }));
        }
        List<BreakerState> admitted = new ArrayList<>();
        for (Future<BreakerState> f : results) {
            BreakerState p = f.get(10, TimeUnit.SECONDS);
            if (p != null) admitted.add(p);
        }
        return admitted;
    }

    @Test
    void manyThreads_failingConcurrently_openExactlyOnce_andNoCallIsLost() throws Exception {
        int threads = 16, perThread = 500;
        CircuitBreaker b = breaker("failure-threshold", "50", "recovery-time", "1000s");
        AtomicInteger refused = new AtomicInteger(), recorded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        BreakerState p = b.tryAcquire();
                        if (p == null) {
                            refused.incrementAndGet();
                        } else {
                            b.onFailure(p);
                            recorded.incrementAndGet();
                        }
                    }
                    done.countDown();
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(threads * perThread, refused.get() + recorded.get());
            assertTrue(recorded.get() >= 50, "threshold reached before opening");
            assertEquals(List.of("CLOSED->OPEN"), transitions);
        } finally {
            pool.shutdownNow();
        }
    }
}
