package dev.llmretry.internal.exec;

import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.breaker.BreakerState;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;
import dev.llmretry.internal.health.HealthStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** health.file under flapping circuits, with a stuck disk, an unusable file, a failing disk (issue 14, 11-13). */
class HealthFileRuntimeTest {
    static final long S = 1_000_000_000L;
    static final List<String> ENDPOINTS = List.of("iag", "oneapi", "litellm");
    final AtomicLong nanos = new AtomicLong();
    final TimeSource time = new TimeSource() {
        public long nanoTime() { return nanos.get(); }
        public Instant now() { return Instant.parse("2026-01-01T00:00:00Z").plusNanos(nanos.get()); }
        public void sleep(long n) { nanos.addAndGet(n); }
        public Cancellable schedule(Runnable task, long n) { throw new UnsupportedOperationException(); }
    };
    final LlmRuntime rt = LlmRuntime.get();
    @TempDir Path dir;

    @BeforeEach
    void virtualTime() {
        rt.resetState();
        rt.installTimeAndRandom(time, RandomSource.seeded(1));
    }

    @AfterEach
    void restore() {
        rt.resetState();
        rt.installTimeAndRandom(TimeSource.system(), RandomSource.threadLocal());
    }

    void useHealthFile(Path file) {
        rt.useConfig(ConfigLoader.parse("test retry.yaml", """
                endpoints:
                  iag: { url: "https://iag.example/v1" }
                  oneapi: { url: "https://oneapi.example/v1" }
                  litellm: { url: "https://litellm.example/v1" }
                circuit-breaker:
                  default: { failure-threshold: 1, recovery-time: 1s }
                health: { file: "%s" }
                """.formatted(file.toString().replace("\\", "/")), v -> null));
    }

    List<CircuitBreaker> breakers() {
        return rt.targets().stream().map(TargetView::breaker).toList();
    }

    /** CLOSED/HALF_OPEN -> OPEN -> HALF_OPEN -> OPEN: three circuit changes, each one a health change. */
    void flap(CircuitBreaker b) {
        BreakerState permit = b.tryAcquire();
        if (permit != null) b.onFailure(permit);
        nanos.addAndGet(S);
        permit = b.tryAcquire();
        if (permit != null) b.onFailure(permit);
    }

    @Test
    void healthWriteStuck_manyThreadsFlapCircuits_noCallWaitsForIt_fileEndsWithTheLatestState() throws Exception {
        Path file = dir.resolve("health.json");
        useHealthFile(file);
        List<CircuitBreaker> breakers = breakers();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread disk = new Thread(() -> {
            synchronized (HealthStore.class) { // a write in progress on a disk that hangs
                stuck.countDown();
                awaitQuietly(release);
            }
        }, "stuck-disk");
        disk.start();
        stuck.await();

        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                ExecutorService callers = Executors.newFixedThreadPool(8);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int first = t;
                    done.add(callers.submit(() -> {
                        for (int i = 0; i < 300; i++) flap(breakers.get((first + i) % breakers.size()));
                    }));
                }
                for (Future<?> f : done) f.get();
                callers.shutdown();
            }, "circuit changes waited for the stuck health write");
            assertTrue(disk.isAlive(), "every change was made while the write was stuck");
        } finally {
            release.countDown();
        }
        disk.join();
        assertTrue(rt.flushHealth(Duration.ofSeconds(10)), "written once the disk is back");
        assertEquals(rt.healthReport().toJson(), Files.readString(file), "the file holds the latest state");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"2400-01-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59.999999999Z\"", "\"-1000000000-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"", "\"1970-01-01T00:00:00Z\"", "\"garbage\"", "\"\"", "\"2026-13-45T99:99:99Z\"",
            "-5", "9223372036854775807", "1e400", "null", "true", "[]", "{}", "\"2026-01-01T00:00:00.5Z\""})
    void unusableNextProbeAt_callsStillWork_circuitOpenAtMostItsRecoveryTime(String nextProbeAt) throws Exception {
        Path file = dir.resolve("health.json");
        Files.writeString(file, "{\"iag\":{\"state\":\"circuit_open\",\"success_rate\":0.00,\"consecutive_failures\":3,"
                + "\"total_requests\":3,\"next_probe_at\":" + nextProbeAt + "}}");
        useHealthFile(file);

        HealthReport report = assertDoesNotThrow(rt::healthReport);
        EndpointStatus iag = report.endpoint("iag");
        Instant latest = time.now().plusSeconds(1);
        assertTrue(iag.state().equals("healthy") || iag.state().equals("circuit_open") && !iag.nextProbeAt().isAfter(latest),
                () -> "open at most recovery-time (1s): " + iag);
        nanos.addAndGet(S);
        assertNotNull(breakers().get(0).tryAcquire(), "admits a call once the recovery time has passed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1, 2]", "\"just a string\"", "{\"iag\": 5}", "{\"iag\": {\"state\": 7}}",
            "{\"iag\": {\"state\": \"circuit_open\"}}", "{\"iag\": {\"state\": \"on fire\", \"next_probe_at\": \"2400-01-01T00:00:00Z\"}}",
            "\u0000\u0001binary", "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]"})
    void unusableHealthFile_callsStillWork_everyCircuitStartsClosed(String content) throws Exception {
        Path file = dir.resolve("health.json");
        Files.writeString(file, content);
        useHealthFile(file);

        HealthReport report = assertDoesNotThrow(rt::healthReport);
        for (String e : ENDPOINTS) assertEquals("healthy", report.endpoint(e).state(), e);
    }

    @Test
    void directoryInTheWayOfTheHealthFile_manyFailedWrites_noTemporaryFileLeft() throws Exception {
        Path file = dir.resolve("health.json");
        Files.createDirectories(file.resolve("in-the-way"));
        useHealthFile(file);
        CircuitBreaker iag = breakers().get(0);
        for (int i = 0; i < 50; i++) {
            flap(iag);
            rt.flushHealth(Duration.ofSeconds(10));
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
        assertTrue(Files.isDirectory(file.resolve("in-the-way")), "what was in the way is untouched");
    }

    @Test
    void closeHealthWriter_writesTheLatestState_laterChangesOnlyAfterTheFileIsConfiguredAgain() throws Exception {
        Path file = dir.resolve("health.json");
        useHealthFile(file);
        CircuitBreaker iag = breakers().get(0);
        iag.onFailure(iag.tryAcquire()); // opens

        rt.closeHealthWriter(); // what shutdown does
        assertEquals(rt.healthReport().toJson(), Files.readString(file), "closing wrote the latest state");
        assertTrue(Files.readString(file).contains("\"iag\":{\"state\":\"circuit_open\""));
        iag.reset();
        assertTrue(rt.flushHealth(Duration.ofSeconds(1)), "nothing to write: no writer");
        assertTrue(Files.readString(file).contains("\"iag\":{\"state\":\"circuit_open\""), "not written after close");

        useHealthFile(file); // a reload names the file again
        iag.onFailure(iag.tryAcquire());
        nanos.addAndGet(S);
        iag.onSuccess(iag.tryAcquire()); // closes again
        assertTrue(rt.flushHealth(Duration.ofSeconds(10)));
        assertEquals(rt.healthReport().toJson(), Files.readString(file), "written again after the reload");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
