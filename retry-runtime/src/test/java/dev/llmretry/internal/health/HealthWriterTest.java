package dev.llmretry.internal.health;

import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The background health writer: off the call path, coalescing, warning once (issue 14, items 11 and 13). */
class HealthWriterTest {
    final AtomicLong version = new AtomicLong();
    final List<Long> writtenVersions = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    /** The snapshot carries the number of changes made so far, so a test can tell which one was written. */
    HealthReport snapshot() {
        return new HealthReport(Map.of("iag", new EndpointStatus("iag", "healthy", 1.0, 0, version.get(), null, null, null)));
    }

    HealthWriter writer(HealthWriter.Store store) {
        return new HealthWriter(this::snapshot, store, HealthWriter.INTERVAL_NANOS, warnings::add);
    }

    void change(HealthWriter w) {
        version.incrementAndGet();
        w.changed();
    }

    @Test
    void storeBlocked_manyThreadsChangeTheHealth_noneWaits_latestSnapshotWrittenOnceReleased() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            CountDownLatch firstWriteStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            HealthWriter w = writer(report -> {
                firstWriteStarted.countDown();
                awaitOrFail(release);
                writtenVersions.add(report.endpoint("iag").totalRequests());
            });
            change(w);
            firstWriteStarted.await();

            ExecutorService callers = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) done.add(callers.submit(() -> { for (int i = 0; i < 1_000; i++) change(w); }));
            for (Future<?> f : done) f.get(); // all 16 000 changes made while the store is blocked
            callers.shutdown();
            assertEquals(List.of(), writtenVersions, "nothing written yet: the store is still blocked");

            release.countDown();
            assertTrue(w.flush(Duration.ofSeconds(10)));
            assertEquals(16_001, writtenVersions.get(writtenVersions.size() - 1), "the latest snapshot is written");
            assertTrue(writtenVersions.size() <= 2, "changes coalesced into " + writtenVersions.size() + " writes");
            w.close();
        });
    }

    @Test
    void changesFasterThanTheInterval_writtenAtMostOncePerInterval() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        HealthWriter w = new HealthWriter(this::snapshot, report -> writes.incrementAndGet(), TimeUnit.HOURS.toNanos(1), warnings::add);
        change(w);
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() == 1);
        for (int i = 0; i < 1_000; i++) change(w); // within the hour after the first write

        assertEquals(1, writes.get(), "the next write waits for the interval");
        assertTrue(w.flush(Duration.ofSeconds(10)), "flush does not wait for the interval");
        assertEquals(2, writes.get());
        w.close();
    }

    @Test
    void writesFail_warnedOnce_andAgainOnlyAfterASuccessInBetween() throws Exception {
        AtomicInteger attempt = new AtomicInteger();
        HealthWriter w = writer(report -> {
            int n = attempt.incrementAndGet();
            if (n <= 5 || n >= 7) throw new IOException("No space left on device (write " + n + ")");
        });
        for (int i = 0; i < 10; i++) {
            boolean written = w.flush(Duration.ofSeconds(10)); // one write each
            assertEquals(attempt.get() == 6, written, "write " + attempt.get());
        }

        assertEquals(10, attempt.get());
        assertEquals(List.of("java.io.IOException: No space left on device (write 1)",
                "java.io.IOException: No space left on device (write 7)"), warnings);
        w.close();
    }

    @Test
    void close_writesTheLatestSnapshot_laterChangesIgnored_threadEnds() throws Exception {
        HealthWriter w = new HealthWriter(this::snapshot, report -> writtenVersions.add(report.endpoint("iag").totalRequests()),
                TimeUnit.HOURS.toNanos(1), warnings::add);
        change(w);
        await().atMost(Duration.ofSeconds(10)).until(() -> writtenVersions.size() == 1);
        change(w); // waits for the interval
        w.close();
        assertEquals(List.of(1L, 2L), writtenVersions, "the pending change was written on close");
        change(w);
        assertFalse(w.flush(Duration.ofSeconds(1)), "closed");
        assertEquals(List.of(1L, 2L), writtenVersions, "nothing written after close");
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("llm-retry-health-writer")));
    }

    @Test
    void writerThreadInterrupted_writesWhatIsPending_andEnds() throws Exception {
        HealthWriter w = new HealthWriter(this::snapshot, report -> writtenVersions.add(report.endpoint("iag").totalRequests()),
                TimeUnit.HOURS.toNanos(1), warnings::add);
        change(w);
        await().atMost(Duration.ofSeconds(10)).until(() -> writtenVersions.size() == 1);
        change(w); // pending: the thread waits for the interval
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("llm-retry-health-writer")).findFirst().orElseThrow();
        writer.interrupt();
        writer.join(10_000);

        assertFalse(writer.isAlive(), "the writer thread ends when interrupted");
        assertEquals(List.of(1L, 2L), writtenVersions, "after writing what was pending");
    }

    private static void awaitOrFail(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
        }
    }
}
