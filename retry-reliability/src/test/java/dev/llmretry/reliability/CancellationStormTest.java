package dev.llmretry.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.health.HealthReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Storms of cancelled async calls and interrupted sync callers, on the real clock with millisecond waits: afterwards
 * no retry is pending, no task or thread is left, health counts every body invocation exactly once, and no
 * half-open trial slot leaked (with {@code half-open-max-calls: 1} one leaked slot would keep a circuit from ever
 * closing, so every circuit must still close once the upstream recovers).
 */
class CancellationStormTest {
    private LlmRuntime.Installation installation;
    static final List<String> ENDPOINTS = List.of("iag", "oneapi", "litellm");
    static final String YAML = """
            circuit-breaker:
              default: { failure-threshold: 3, recovery-time: 20ms, success-threshold: 1, half-open-max-calls: 1 }
            endpoints:
              iag:     { url: "https://iag.example/v1", priority: 1 }
              oneapi:  { url: "https://oneapi.example/v1", priority: 2 }
              litellm: { url: "https://litellm.example/v1", priority: 3 }
            """;

    RealTime time;
    RealTime storm;
    StormUpstream upstream;
    StormService service;
    Set<Thread> threadsBefore;

    @BeforeEach
    void realClockAndStormConfig() {
        threadsBefore = Thread.getAllStackTraces().keySet();
        time = new RealTime(2, "storm-scheduler");
        storm = new RealTime(1, "storm-driver");
        installation = LlmRuntime.get().install(time, RandomSource.seeded(5),
                ConfigLoader.parse("storm retry.yaml", YAML, v -> null));
    }

    @AfterEach
    void restore() throws InterruptedException {
        storm.close();
        time.close();
        installation.close();
        Thread.interrupted();
    }

    private void upstreamFailing(int percent) {
        upstream = new StormUpstream(time.scheduler, 17, percent);
        service = new StormService(upstream);
    }

    @Test
    void thousandsOfAsyncCallsCancelledAtRandomMoments_nothingPendingOrLeaked_circuitsStillClose() {
        upstreamFailing(70); // calls live for several attempts, circuits still open now and then
        SplittableRandom random = new SplittableRandom(99);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            CompletableFuture<String> f = service.async("q" + i, null);
            calls.add(f);
            storm.schedule(() -> f.cancel(true), TimeUnit.MILLISECONDS.toNanos(random.nextInt(8)));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
        long cancelled = calls.stream().filter(CompletableFuture::isCancelled).count();
        assertTrue(cancelled > 300, "many calls were cancelled while retrying: " + cancelled);
        assertQuietAndCounted();
        assertEveryCircuitStillCloses();
        assertNoThreadLeft();
    }

    @Test
    void syncCallersInterruptedMidWaitOrMidAttempt_endPromptly_withFlagRestored_nothingLeaked() throws Exception {
        upstreamFailing(100);
        int workers = 12;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong(), interruptedEnds = new AtomicLong(), flagLost = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            threads[w] = new Thread(() -> {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    try {
                        service.sync("q", null);
                    } catch (InterruptedException e) {
                        interruptedEnds.incrementAndGet();           // the body's own wait was interrupted
                    } catch (Exception e) {
                        boolean interrupted = Arrays.stream(e.getSuppressed()).anyMatch(InterruptedException.class::isInstance);
                        if (interrupted) {
                            interruptedEnds.incrementAndGet();
                            if (!Thread.currentThread().isInterrupted()) flagLost.incrementAndGet();
                        }
                    }
                    slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    calls.incrementAndGet();
                    Thread.interrupted();
                }
            }, "storm-caller-" + w);
            threads[w].start();
        }
        SplittableRandom random = new SplittableRandom(7);
        java.util.concurrent.ScheduledFuture<?> interrupter = storm.scheduler.scheduleAtFixedRate(
                () -> threads[random.nextInt(workers)].interrupt(), 0, 1, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> interruptedEnds.get() >= 200);
        interrupter.cancel(false);
        stop.set(true);
        for (Thread t : threads) t.join(10_000);

        assertTrue(Arrays.stream(threads).noneMatch(Thread::isAlive), "every caller finished");
        assertEquals(0, flagLost.get(), "a call ended by an interrupt while waiting restores the flag");
        assertTrue(slowest.get() < TimeUnit.SECONDS.toNanos(5) + TimeUnit.SECONDS.toNanos(3),
                "every call ends within max-duration + slack: " + slowest.get() / 1_000_000 + " ms");
        assertQuietAndCounted();
        assertEveryCircuitStillCloses();
        assertNoThreadLeft();
    }

    private void assertQuietAndCounted() {
        await().pollInSameThread().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(0, time.pendingTasks(), "retries or timers still pending"));
        HealthReport health = LlmResilience.health();
        for (String e : ENDPOINTS) {
            assertEquals(upstream.invocations(e), health.endpoint(e).totalRequests(), "total_requests of " + e);
        }
        CircuitProbes.assertNothingInFlight();
    }

    private void assertEveryCircuitStillCloses() {
        upstream.recover();
        CircuitProbes.assertEveryCircuitStillCloses(service);
    }

    private void assertNoThreadLeft() {
        storm.scheduler.shutdownNow();
        time.scheduler.shutdownNow();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(),
                Thread.getAllStackTraces().keySet().stream().filter(t -> !threadsBefore.contains(t) && t.isAlive())
                        .map(Thread::getName).toList()));
    }
}
