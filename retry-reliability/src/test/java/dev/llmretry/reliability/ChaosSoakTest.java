package dev.llmretry.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.health.HealthReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chaos soak: many threads call woven sync, async and streaming methods over three endpoints that fail in every
 * way (see {@link Fault}) and die and come back, on the real clock with millisecond backoffs. Afterwards the
 * invariants are checked, not printed: every call ended within its bound, no thread or task is left, attempts made
 * equal health counts equal attempts in events, breakers moved only along legal edges, half-open never admitted
 * more than its trial calls, and the runtime still holds one plan per method. Short by default; the long run is
 * {@code -Dsoak.seconds=600 -Dsoak.threads=64} (see docs/reliability.md).
 */
class ChaosSoakTest {
    private LlmRuntime.Installation installation;
    static final List<String> ENDPOINTS = List.of("iag", "oneapi", "litellm");

    final SoakSettings settings = SoakSettings.fromSystemProperties();
    final SoakRecorder recorder = new SoakRecorder();
    final HalfOpenGauge gauge = new HalfOpenGauge();
    RealTime time;

    @BeforeEach
    void installRealTimeAndChaosConfig() {
        time = new RealTime(2, "soak-scheduler");
        installation = LlmRuntime.get().install(time, RandomSource.seeded(settings.seed()),
                ConfigLoader.parse("soak retry.yaml", SoakSettings.yaml("sk-soak-key-0001", "proxy-pw-0001"), v -> null));
        LlmResilience.addListener(recorder);
    }

    @AfterEach
    void restore() throws InterruptedException {
        LlmResilience.removeListener(recorder);
        installation.close();
        time.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS) // the long run; every wait inside is bounded on its own
    void chaosAcrossSyncAsyncAndStreams_manyThreads_everyInvariantHolds() throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        ChaosBackend backend = new ChaosBackend(time.scheduler, "");
        backend.observe(gauge);
        ChaosService service = new ChaosService(backend);
        EndpointChaos outages = new EndpointChaos(backend, ENDPOINTS, settings.seed());
        ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), r -> new Thread(r, "soak-worker"));
        long started = System.nanoTime();
        long end = started + settings.duration().toNanos();
        List<Future<SoakWorker.Tally>> tallies = new ArrayList<>();
        for (int w = 0; w < settings.threads(); w++) {
            tallies.add(workers.submit(new SoakWorker(service, w, settings.seed(), end, settings.callBound())));
        }
        SoakWorker.Tally total = new SoakWorker.Tally();
        for (Future<SoakWorker.Tally> f : tallies) {
            total.add(f.get(settings.duration().toSeconds() + 120, TimeUnit.SECONDS));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        outages.close();
        workers.shutdown();
        assertTrue(workers.awaitTermination(30, TimeUnit.SECONDS));

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(0, time.pendingTasks(), "pending tasks"));
        CircuitProbes.assertNothingInFlight(); // every permit has an outcome or was given back (issue 13's rule relies on it)
        time.close();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(), newThreads(threadsBefore)));

        HealthReport health = LlmResilience.health();
        long invocations = ENDPOINTS.stream().mapToLong(backend::invocations).sum();
        long attemptsInEvents = recorder.succeededAttempts.sum() + recorder.exhaustedAttempts.sum() + total.abortedAttempts;
        String report = String.format(
                "soak: %d threads, %.1f s, seed %d: %d calls (%.0f calls/s), %d ok, %d failed (%d of them rejected at once: every circuit open), %d aborted, %d attempts,"
                        + " %d retries, %d failovers, %d circuit transitions, %d incomplete streams, %d trial bodies"
                        + " (max %d at once), slowest call %d ms, outages toggled %d times",
                settings.threads(), seconds, settings.seed(), total.calls, total.calls / seconds, total.ok, total.failed, total.rejected,
                total.aborted, invocations, recorder.retries.sum(), recorder.failovers.sum(), recorder.transitionCount(),
                ENDPOINTS.stream().mapToLong(recorder::incomplete).sum(), gauge.trialBodies(),
                gauge.maxConcurrentTrials(), total.slowestNanos / 1_000_000, outages.toggles());
        System.out.println(report);
        writeReport(report);

        assertAll(
                () -> assertEquals(List.of(), total.unexpected, "only the injected failures reach callers"),
                () -> assertEquals(List.of(), total.overran, "every call ends within " + settings.callBound()),
                () -> assertEquals(0, total.leakedInterrupts, "no interrupt flag left on a caller"),
                () -> assertEquals(invocations, attemptsInEvents, "attempts in events (+ aborted calls) = body invocations"),
                () -> ENDPOINTS.forEach(e -> assertEquals(backend.invocations(e) + recorder.incomplete(e),
                        health.endpoint(e).totalRequests(), "health total_requests of " + e)),
                () -> assertEquals(List.of(), recorder.transitionProblems(), "breaker transitions"),
                () -> assertTrue(gauge.maxConcurrentTrials() <= 2, "half-open admitted " + gauge.maxConcurrentTrials()),
                () -> assertEquals(3, LlmRuntime.get().plans().size(), "one plan per method"),
                () -> assertTrue(recorder.transitionCount() > 0 && recorder.retries.sum() > 0
                        && recorder.failovers.sum() > 0 && total.aborted > 0, "the chaos exercised every path: " + report));
    }

    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).toList();
    }

    private static void writeReport(String report) throws IOException {
        Path out = Path.of("target", "soak-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + System.lineSeparator());
    }

    /** Seeded outages: every 20–220 ms an endpoint dies (one at a time) or the dead one comes back; all come back at the end. */
    static final class EndpointChaos implements AutoCloseable {
        private final ChaosBackend backend;
        private final List<String> endpoints;
        private final SplittableRandom random;
        private final RealTime clock = new RealTime(1, "soak-outages");
        private final boolean[] down;
        private int toggles;

        EndpointChaos(ChaosBackend backend, List<String> endpoints, long seed) {
            this.backend = backend;
            this.endpoints = endpoints;
            this.random = new SplittableRandom(seed);
            this.down = new boolean[endpoints.size()];
            next();
        }

        private synchronized void next() {
            int i = random.nextInt(endpoints.size());
            boolean anyDown = down[0] || down[1] || down[2];
            down[i] = !down[i] && !anyDown; // at most one endpoint dead at a time; the next tick revives it
            toggles++;
            backend.setDown(endpoints.get(i), down[i]);
            if (!clock.scheduler.isShutdown()) clock.schedule(this::next, TimeUnit.MILLISECONDS.toNanos(20 + random.nextInt(200)));
        }

        synchronized int toggles() { return toggles; }

        @Override
        public void close() throws InterruptedException {
            clock.close();
            for (String e : endpoints) backend.setDown(e, false);
        }
    }
}
