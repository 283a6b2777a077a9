package dev.llmretry.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shells under load on the real clock (issue 14): thousands of Flow.Publisher subscribers that leave before the
 * first element, and blocking callers whose attempts hang. Afterwards nothing is pending, no caller is stuck, and no
 * half-open trial slot leaked: with {@code half-open-max-calls: 1}, every circuit must still close once the upstream
 * recovers.
 */
class ShellSoakTest {
    private LlmRuntime.Installation installation;

    RealTime time;
    RealTime io;
    ShellUpstream upstream;
    ShellStormService service;

    @BeforeEach
    void realClockAndStormConfig() {
        time = new RealTime(2, "soak-scheduler");
        io = new RealTime(2, "soak-io");
        installation = LlmRuntime.get().install(time, RandomSource.seeded(9),
                ConfigLoader.parse("shell soak retry.yaml", CancellationStormTest.YAML, v -> null));
    }

    @AfterEach
    void restore() throws InterruptedException {
        if (upstream != null) upstream.release();
        io.close();
        time.close();
        installation.close();
        Thread.interrupted();
    }

    @Test
    void thousandsOfPublisherSubscribersLeavingBeforeTheFirstElement_noTrialSlotLeaks_circuitsStillClose() {
        upstream = new ShellUpstream(io.scheduler, 21, 40, 30);
        service = new ShellStormService(upstream);
        SplittableRandom random = new SplittableRandom(5);
        AtomicLong answered = new AtomicLong(), left = new AtomicLong(), doubleEnds = new AtomicLong();
        int subscribers = 3000;
        for (int i = 0; i < subscribers; i++) {
            boolean viaRequestZero = random.nextBoolean();
            long leaveAfter = random.nextInt(10);
            service.publisher("q" + i, null).subscribe(new Flow.Subscriber<>() {
                final AtomicBoolean ended = new AtomicBoolean();

                public void onSubscribe(Flow.Subscription s) {
                    s.request(1);
                    io.schedule(() -> {
                        left.incrementAndGet();
                        if (viaRequestZero) s.request(0);
                        else s.cancel();
                    }, TimeUnit.MILLISECONDS.toNanos(leaveAfter));
                }
                public void onNext(String item) { answered.incrementAndGet(); }
                public void onError(Throwable t) { end(); }
                public void onComplete() { end(); }
                private void end() { if (!ended.compareAndSet(false, true)) doubleEnds.incrementAndGet(); }
            });
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> left.get() == subscribers);
        await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .untilAsserted(() -> assertEquals(0, time.pendingTasks(), "retries or timeouts still pending"));
        assertTrue(answered.get() < subscribers / 2, "most subscribers left before their first element: " + answered);
        assertEquals(0, doubleEnds.get(), "subscribers that received two terminal signals");
        assertEveryCircuitStillCloses();
    }

    @Test
    void blockingCallersWhoseAttemptsHang_everyCallEndsByItsDeadline_noTrialSlotLeaks() throws Exception {
        upstream = new ShellUpstream(io.scheduler, 33, 30, 15);
        service = new ShellStormService(upstream);
        int workers = 12;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong(), deadlines = new AtomicLong();
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            threads[w] = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        service.sync("q", null);
                    } catch (dev.llmretry.AttemptTimeoutException e) {
                        deadlines.incrementAndGet();
                    } catch (Exception e) {
                        // failed or refused: counted below as a call like any other
                    }
                    calls.incrementAndGet();
                }
            }, "soak-caller-" + w);
            threads[w].start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> deadlines.get() >= 50);
        stop.set(true);
        for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(30));

        assertTrue(Arrays.stream(threads).noneMatch(Thread::isAlive), "every caller finished: no call hangs for ever");
        assertTrue(calls.get() > deadlines.get(), calls + " calls, " + deadlines + " ended by their deadline");
        CircuitProbes.assertNothingInFlight();
        assertEveryCircuitStillCloses();
    }

    /** Probes through a healthy upstream: a trial slot the storm leaked would keep its circuit from closing. */
    private void assertEveryCircuitStillCloses() {
        CircuitProbes.assertEveryCircuitStillCloses(new StormService(new StormUpstream(io.scheduler, 1, 0)));
    }
}
