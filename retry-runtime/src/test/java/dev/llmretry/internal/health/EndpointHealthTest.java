package dev.llmretry.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {
    static final long S = 1_000_000_000L;

    @Test
    void successRate_coversTheRecentWindowOnly() {
        EndpointHealth h = new EndpointHealth(Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) h.recordFailure(i * S, "504", Instant.EPOCH);
        for (int i = 0; i < 5; i++) h.recordSuccess((10 + i) * S);
        assertEquals(0.5, h.successRate(20 * S), 1e-9);

        assertEquals(1.0, h.successRate(200 * S), 1e-9, "old outcomes fall out of the window");
        h.recordSuccess(200 * S);
        assertEquals(1.0, h.successRate(200 * S), 1e-9);
        assertEquals(11, h.totalRequests(), "the total counts every request ever");
    }

    @Test
    void noTraffic_reportsFullSuccess_andNoError() {
        EndpointHealth h = new EndpointHealth(Duration.ofSeconds(60));
        assertEquals(1.0, h.successRate(0), 1e-9);
        assertEquals(null, h.lastError());
    }

    @Test
    void lastError_isKept_withItsTime() {
        EndpointHealth h = new EndpointHealth(Duration.ofSeconds(60));
        h.recordFailure(S, "503 Service Unavailable", Instant.parse("2026-01-01T00:00:01Z"));
        assertEquals("503 Service Unavailable", h.lastError());
        assertEquals(Instant.parse("2026-01-01T00:00:01Z"), h.lastErrorAt());
    }

    @Test
    void concurrentRecording_totalIsExact() throws Exception {
        EndpointHealth h = new EndpointHealth(Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        if (i % 10 == 0) h.recordFailure(S, "x", Instant.EPOCH); else h.recordSuccess(S);
                    }
                }));
            }
            for (Future<?> f : fs) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(80_000, h.totalRequests());
        assertEquals(80_000, h.windowRequests(S));
        assertTrue(Math.abs(h.successRate(S) - 0.9) < 1e-9, "rate " + h.successRate(S));
    }

    /** The total is not counted apart from the buckets: a rotation racing with recorders must lose no outcome. */
    @Test
    void concurrentRecordingAcrossRotations_totalIsExact() throws Exception {
        EndpointHealth h = new EndpointHealth(Duration.ofSeconds(12)); // 1 s buckets
        int threads = 8, perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) { // every thread walks through 5,000 buckets
                        long at = i * (S / 4);
                        if (i % 10 == 0) h.recordFailure(at, "x", Instant.EPOCH);
                        else if (i % 10 == 1) h.recordNeutral();
                        else h.recordSuccess(at);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals((long) threads * perThread, h.totalRequests());
    }
}
