package dev.llmretry.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.AttemptTimeoutException;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import dev.llmretry.internal.health.HealthStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos soak with a health file under flapping circuits (issue 14, item 11): many threads call woven sync, async
 * and streaming methods while endpoints die and come back, first with the disk stuck in a health write for the
 * whole phase, then with it free. Asserted with counts, not the clock: every caller finishes while the disk is still
 * stuck (no call waits for persistence), no call makes more than {@code max-attempts} attempts, no caller delivers
 * more than its bounded share of circuit notices, breakers move along legal edges only, and at the end the file
 * holds exactly the runtime's health, with no temporary file left. {@code -Dsoak.health.seconds=60} runs longer.
 */
class ChaosSoakHealthFileTest {
    private LlmRuntime.Installation installation;
    static final int MAX_ATTEMPTS = 5;
    /**
     * The most notices one call may deliver on its own thread: each breaker operation that changes a state delivers
     * at most 8 (the breaker's caller budget), and a call makes at most 4 per attempt (an admission on each of the
     * three endpoints, one outcome) plus one late stream failure.
     */
    static final int NOTICES_PER_CALL = 8 * (4 * MAX_ATTEMPTS + 1);
    static final ThreadLocal<int[]> NOTICES_IN_THIS_CALL = new ThreadLocal<>();

    final SoakSettings settings = SoakSettings.fromSystemProperties();
    final Duration phase = Duration.ofSeconds(Long.getLong("soak.health.seconds", 2));
    final SoakRecorder recorder = new SoakRecorder();
    final LlmRetryListener noticeCounter = new LlmRetryListener() {
        @Override public void onCircuitStateChange(CircuitStateChanged e) {
            int[] n = NOTICES_IN_THIS_CALL.get();
            if (n != null) n[0]++;
        }
    };
    @TempDir Path dir;
    Path file;
    RealTime time;

    @BeforeEach
    void realTimeAndAHealthFile() {
        file = dir.resolve("state/health.json");
        time = new RealTime(2, "soak-health-scheduler");
        installation = LlmRuntime.get().install(time, RandomSource.seeded(settings.seed()), ConfigLoader.parse("soak-health retry.yaml", """
                retry:
                  default: { max-attempts: %d, initial-backoff: 1ms, max-backoff: 10ms, jitter: full, max-duration: 1s,
                             max-retry-after: 20ms, attempt-timeout: 100ms }
                  streaming: { max-attempts: 2, initial-backoff: 1ms, max-backoff: 10ms }
                circuit-breaker:
                  default: { failure-threshold: 2, recovery-time: 20ms, success-threshold: 1, half-open-max-calls: 2 }
                endpoints:
                  iag:     { url: "https://iag.example/v1", priority: 1 }
                  oneapi:  { url: "https://oneapi.example/v1", priority: 2 }
                  litellm: { url: "https://litellm.example/v1", priority: 3 }
                health: { file: "%s" }
                """.formatted(MAX_ATTEMPTS, file.toString().replace("\\", "/")), v -> null));
        LlmResilience.addListener(recorder);
        LlmResilience.addListener(noticeCounter);
    }

    @AfterEach
    void restore() throws InterruptedException {
        LlmResilience.removeListener(recorder);
        LlmResilience.removeListener(noticeCounter);
        installation.close();
        time.close();
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // the long run; every wait inside is bounded on its own
    void flappingCircuitsWithAHealthFile_diskStuckThenFree_noCallWaitsForIt_fileEndsConsistent() throws Exception {
        ChaosBackend backend = new ChaosBackend(time.scheduler, "");
        ChaosService service = new ChaosService(backend);
        ChaosSoakTest.EndpointChaos outages = new ChaosSoakTest.EndpointChaos(backend, ChaosSoakTest.ENDPOINTS, settings.seed());
        Tally stuck, free;
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread disk = new Thread(() -> {
            synchronized (HealthStore.class) { // a health write in progress on a disk that hangs
                holding.countDown();
                awaitQuietly(release);
            }
        }, "stuck-disk");
        try {
            disk.start();
            holding.await();
            stuck = run(service, 1, "callers waited for the stuck health write");
            assertTrue(disk.isAlive(), "every call of the first phase ended while the disk was stuck");
        } finally {
            release.countDown();
        }
        disk.join();
        long transitionsWhileStuck = recorder.transitionCount();
        free = run(service, 2, "calls did not end");
        outages.close();

        LlmRuntime rt = LlmRuntime.get();
        installation.useTime(new FrozenTime(), RandomSource.seeded(1)); // nothing moves while the file is compared
        assertTrue(rt.flushHealth(Duration.ofSeconds(30)), "the health file is written");
        String json = Files.readString(file);
        List<String> leftovers;
        try (Stream<Path> files = Files.list(file.getParent())) {
            leftovers = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
        String report = String.format("soak-health: %d threads, 2 x %d s, seed %d: %d calls with the disk stuck, %d with it free,"
                        + " %d circuit transitions (%d while stuck), most attempts in a call %d, most notices delivered by one call %d,"
                        + " slowest call %d ms (not asserted)", settings.threads(), phase.toSeconds(), settings.seed(),
                stuck.calls, free.calls, recorder.transitionCount(), transitionsWhileStuck,
                Math.max(stuck.maxAttempts, free.maxAttempts), Math.max(stuck.maxNotices, free.maxNotices),
                Math.max(stuck.slowestNanos, free.slowestNanos) / 1_000_000);
        System.out.println(report);

        assertAll(
                () -> assertEquals(List.of(), stuck.unexpected, "only the injected failures reach callers"),
                () -> assertEquals(List.of(), free.unexpected, "only the injected failures reach callers"),
                () -> assertTrue(Math.max(stuck.maxAttempts, free.maxAttempts) <= MAX_ATTEMPTS, "attempts bounded: " + report),
                () -> assertTrue(Math.max(stuck.maxNotices, free.maxNotices) <= NOTICES_PER_CALL, "notice delivery bounded: " + report),
                () -> assertEquals(List.of(), recorder.transitionProblems(), "breaker transitions"),
                () -> assertEquals(rt.healthReport().toJson(), json, "the file holds exactly the runtime's health"),
                () -> assertEquals(rt.healthReport().endpoints().values().stream().filter(s -> s.state() == dev.llmretry.health.HealthState.CIRCUIT_OPEN)
                        .map(s -> s.name()).toList(), List.copyOf(HealthStore.openCircuits(file).keySet()), "open circuits read back"),
                () -> assertEquals(List.of(), leftovers, "no temporary file left"),
                () -> assertTrue(transitionsWhileStuck > 0 && recorder.transitionCount() > transitionsWhileStuck,
                        "circuits flapped in both phases: " + report));
        rt.closeHealthWriter();
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals("llm-retry-health-writer")));
    }

    /** Runs the workers for one phase; fails if they do not all end within the phase plus a generous watchdog. */
    private Tally run(ChaosService service, int phaseNo, String whenStuck) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), r -> new Thread(r, "soak-health-worker"));
        long end = System.nanoTime() + phase.toNanos();
        List<Future<Tally>> tallies = new ArrayList<>();
        for (int w = 0; w < settings.threads(); w++) {
            long seed = settings.seed() * 31 + phaseNo * 1_000 + w;
            tallies.add(workers.submit(() -> work(service, seed, end)));
        }
        Tally total = new Tally();
        try {
            for (Future<Tally> f : tallies) total.add(f.get(phase.toSeconds() + 60, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            fail(whenStuck);
        } finally {
            workers.shutdownNow();
        }
        assertTrue(workers.awaitTermination(30, TimeUnit.SECONDS));
        return total;
    }

    private static Tally work(ChaosService service, long seed, long endNanos) {
        Tally t = new Tally();
        int[] notices = new int[1];
        NOTICES_IN_THIS_CALL.set(notices);
        for (long i = 0; System.nanoTime() - endNanos < 0; i++) {
            ChaosCall c = new ChaosCall(seed * 0x9E3779B97F4A7C15L + i);
            notices[0] = 0;
            long t0 = System.nanoTime();
            try {
                int kind = c.nextInt(3);
                if (kind == 0) service.sync("q", null, c);
                else if (kind == 1) service.async("q", null, c).get(30, TimeUnit.SECONDS);
                else service.stream("q", null, c).forEach(word -> { });
            } catch (Throwable failure) {
                t.failed(failure);
            }
            t.calls++;
            t.slowestNanos = Math.max(t.slowestNanos, System.nanoTime() - t0);
            t.maxAttempts = Math.max(t.maxAttempts, c.attempts());
            t.maxNotices = Math.max(t.maxNotices, notices[0]);
        }
        NOTICES_IN_THIS_CALL.remove();
        return t;
    }

    /** How one phase's calls went. */
    static final class Tally {
        long calls, slowestNanos;
        int maxAttempts, maxNotices;
        final List<String> unexpected = new ArrayList<>();

        void failed(Throwable e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (!(cause instanceof LlmHttpException || cause instanceof IOException || cause instanceof UncheckedIOException
                    || cause instanceof AttemptTimeoutException || cause instanceof EndpointsUnavailableException)) {
                if (unexpected.size() < 20) unexpected.add(String.valueOf(cause));
            }
        }

        void add(Tally o) {
            calls += o.calls;
            slowestNanos = Math.max(slowestNanos, o.slowestNanos);
            maxAttempts = Math.max(maxAttempts, o.maxAttempts);
            maxNotices = Math.max(maxNotices, o.maxNotices);
            unexpected.addAll(o.unexpected);
        }
    }

    /** A clock that stands still, so the health report and the file can be compared exactly. */
    static final class FrozenTime implements TimeSource {
        private final long nanos = System.nanoTime();
        private final Instant now = Instant.now();

        @Override public long nanoTime() { return nanos; }

        @Override public Instant now() { return now; }

        @Override public void sleep(long n) { throw new UnsupportedOperationException("nothing waits after the soak"); }

        @Override public Cancellable schedule(Runnable task, long n) { throw new UnsupportedOperationException("nothing is scheduled after the soak"); }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
