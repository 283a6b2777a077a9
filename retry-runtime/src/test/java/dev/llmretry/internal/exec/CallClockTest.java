package dev.llmretry.internal.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.AttemptTimeoutException;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.SettingsPatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The call clock ({@link CallWatch#startNanos()}): the watchdog's reading of the system clock that calls start from,
 * so the happy path reads no clock. Real threads and the real clock; waits by awaitility.
 */
class CallClockTest {

    /**
     * Never ahead. (Not monotonic on a thread: a call that read the clock itself just before the watchdog's first tick
     * was published may be followed by one that starts from that tick, a little earlier. Earlier is the safe side.)
     */
    @Test
    void aCallsStart_isNeverAheadOfTheClock() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200_000; i++) {
                        long start = CallWatch.startNanos();
                        long now = System.nanoTime();
                        if (start - now > 0) return "start " + start + " after the clock's " + now;
                    }
                    return "ok";
                }));
            }
            for (Future<String> r : results) assertEquals("ok", r.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whileCallsRun_theWatchdogKeepsTheClock_andItAdvances() {
        CallWatch.startNanos();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            CallWatch.startNanos(); // a call: the watchdog keeps ticking
            return CallWatch.ticking();
        });
        long first = CallWatch.startNanos();
        await().atMost(Duration.ofSeconds(10)).until(() -> CallWatch.startNanos() - first > 0);
    }

    @Test
    void afterShutdown_aCallReadsTheClockItself_andStartsTheWatchdogAgain() {
        CallWatch.startNanos();
        await().atMost(Duration.ofSeconds(10)).until(() -> CallWatch.startNanos() != 0 && CallWatch.ticking());
        CallWatch.shutdown();
        assertFalse(CallWatch.ticking(), "a clock nobody keeps is not used");

        long before = System.nanoTime();
        long start = CallWatch.startNanos();
        assertTrue(start - before >= 0, "read from the system clock, not from the stopped call clock");
        await().atMost(Duration.ofSeconds(10)).until(() -> CallWatch.startNanos() != 0 && CallWatch.ticking());
    }

    @Test
    void withoutCalls_theWatchdogStopsKeepingTheClock() {
        CallWatch.startNanos();
        await().atMost(Duration.ofSeconds(10)).until(CallWatch::ticking);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> !CallWatch.ticking());
        long before = System.nanoTime();
        assertTrue(CallWatch.startNanos() - before >= 0, "the first call after a pause reads the clock itself");
    }

    @Test
    void aShortMaxDuration_shortensTheTick_toOnePercentOfIt() {
        LlmRuntime runtime = new LlmRuntime(() -> ConfigLoader.parse("test retry.yaml", """
                retry:
                  default: { max-attempts: 2, initial-backoff: 10ms, jitter: none, max-duration: 300ms }
                """, name -> null));
        MethodPlan plan = runtime.plans().of(new CallSpec("test.short", false, "test.short", "default",
                SettingsPatch.retry("test", "").build(), null, null, null, null, FailoverStrategy.POLICY, List.of(),
                List.of(), -1));
        assertTrue(CallWatch.tickNanos() <= 3_000_000, "tick " + CallWatch.tickNanos() + " ns");

        // and the deadline still counts from the call's start: a body that hangs is ended by it, not at once
        CountDownLatch never = new CountDownLatch(1);
        long before = System.nanoTime();
        assertThrows(AttemptTimeoutException.class, () -> SyncCall.run(plan, endpoint -> {
            never.await();
            return "never";
        }));
        long took = System.nanoTime() - before;
        assertTrue(took >= 150_000_000, "ended after " + took / 1_000_000 + " ms of a 300 ms max-duration");
    }

    /** A plan on the system clock with this retry policy. */
    private static MethodPlan plan(String retryYaml) {
        LlmRuntime runtime = new LlmRuntime(() -> ConfigLoader.parse("test retry.yaml", "retry:\n  default: " + retryYaml,
                name -> null));
        return runtime.plans().of(new CallSpec("test.stale", false, "test.stale", "default",
                SettingsPatch.retry("test", "").build(), null, null, null, null, FailoverStrategy.POLICY, List.of(),
                List.of(), -1));
    }

    /** Holds the watchdog from ticking (its tick takes the class's lock) until about {@code stale} has passed. */
    private static void whileTheClockIsStale(Duration stale, Runnable during) {
        CallWatch.startNanos();
        await().atMost(Duration.ofSeconds(10)).until(CallWatch::ticking);
        synchronized (CallWatch.class) {
            long held = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> System.nanoTime() - held >= stale.toNanos()); // real time has to pass: that is the test
            during.run();
        }
    }

    @Test
    void aHangingCallStartedFromAStaleClock_isNotEndedBeforeItsMaxDuration() throws Exception {
        MethodPlan plan = plan("{ max-attempts: 1, max-duration: 400ms }");
        CountDownLatch never = new CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Long> took = new java.util.concurrent.CompletableFuture<>();
        whileTheClockIsStale(Duration.ofMillis(600), () -> {
            Thread caller = new Thread(() -> {
                long began = System.nanoTime();
                try {
                    SyncCall.run(plan, endpoint -> { never.await(); return "never"; });
                } catch (Throwable expected) {
                    took.complete(System.nanoTime() - began);
                }
            });
            caller.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
        }); // the watchdog ticks again: the call's start was 600 ms stale
        long ms = took.get(30, TimeUnit.SECONDS) / 1_000_000;
        assertTrue(ms >= 300, "a 400 ms max-duration ended the call after " + ms + " ms");
    }

    @Test
    void aCallFailingWhileTheClockIsStale_stillHasItsWholeMaxDurationToRetryIn() throws Throwable {
        MethodPlan plan = plan("{ max-attempts: 2, initial-backoff: 600ms, jitter: none, max-duration: 1s }");
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Object[] answer = new Object[1];
        whileTheClockIsStale(Duration.ofMillis(700), () -> {
            try { // a 600 ms backoff fits in 1 s counted from the call's start, not from the stale clock's
                answer[0] = SyncCall.run(plan, endpoint -> {
                    if (attempts.incrementAndGet() == 1) throw new java.io.IOException("connection reset");
                    return "answer";
                });
            } catch (Throwable t) {
                answer[0] = t;
            }
        });
        assertEquals("answer", answer[0]);
        assertEquals(2, attempts.get());
    }

    @Test
    void aSlotNamesItsClock_theSystemClockAs0_andAnyOtherClockByAnIdThatLeadsBackToIt() {
        dev.llmretry.time.TimeSource one = new ExecutorTest.Clock();
        dev.llmretry.time.TimeSource other = new ExecutorTest.Clock();
        assertEquals(0, CallWatch.clockId(SystemTimeSource.INSTANCE));
        assertTrue(CallWatch.clockOf(0) == SystemTimeSource.INSTANCE);
        long id = CallWatch.clockId(one);
        assertEquals(id, CallWatch.clockId(one), "plans built in a row on one clock share its id");
        long otherId = CallWatch.clockId(other);
        assertTrue(id != 0 && otherId != 0 && otherId != id);
        assertTrue(CallWatch.clockOf(id) == one);
        assertTrue(CallWatch.clockOf(otherId) == other);
        assertTrue(CallWatch.clockOf(CallWatch.clockId(one)) == one);
    }

    /** Readers on many threads while the watchdog is shut down and restarted over and over: no deadlock, no start ahead. */
    @Test
    void manyCallsWhileTheWatchdogIsStoppedAndRestarted_neverGetAStartAheadOfTheClock_norHang() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int threads = 6;
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            try {
                List<Future<String>> readers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    readers.add(pool.submit(() -> {
                        for (int i = 0; i < 300_000; i++) {
                            long start = CallWatch.startNanos();
                            long now = System.nanoTime();
                            if (start - now > 0) return "start " + start + " after the clock's " + now;
                        }
                        return "ok";
                    }));
                }
                Future<?> chaos = pool.submit(() -> {
                    while (!stop.get()) {
                        CallWatch.shutdown();
                        CallWatch.tickWithin(Duration.ofSeconds(1).toNanos());
                        Thread.onSpinWait();
                    }
                });
                for (Future<String> r : readers) assertEquals("ok", r.get());
                stop.set(true);
                chaos.get();
            } finally {
                stop.set(true); // also when a reader failed: the chaos must not outlive this test
                pool.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> CallWatch.startNanos() != 0 && CallWatch.ticking());
        });
    }

    /** On a machine where the watchdog is held up again and again, calls stop trusting its reading and read the clock. */
    @Test
    void whenTheWatchdogIsHeldUpAgainAndAgain_callsReadTheClockThemselves_untilItRecovers() {
        CallWatch.tickWithin(Duration.ofMinutes(5).toNanos()); // the default max-duration: stale ticks matter 5 min
        CallWatch.startNanos();
        await().atMost(Duration.ofSeconds(10)).until(CallWatch::ticking);
        try {
            long now = System.nanoTime();
            for (int i = 1; i <= CallWatch.MAX_LATE; i++) CallWatch.noteIfLate(now - i * 1_000_000_000L, now);
            assertFalse(CallWatch.ticking(), "the call clock is not used while its record of stale ticks is full");
            long before = System.nanoTime();
            assertTrue(CallWatch.startNanos() - before >= 0, "a call reads the clock itself");
        } finally {
            CallWatch.forgetLateTicks();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> CallWatch.startNanos() != 0 && CallWatch.ticking());
    }

    /** A watchdog's last reading was fresh until it left; the pause before the next watchdog is not a hold-up. */
    @Test
    void theGapBetweenOneWatchdogAndTheNext_isNotTakenForAStaleClock() {
        CallWatch.tickWithin(Duration.ofMinutes(5).toNanos());
        CallWatch.startNanos();
        await().atMost(Duration.ofSeconds(10)).until(CallWatch::ticking);
        long last = CallWatch.startNanos();
        CallWatch.shutdown();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.nanoTime() - last > 300_000_000L); // a pause longer than two ticks
        CallWatch.startNanos(); // the next watchdog
        await().atMost(Duration.ofSeconds(10)).until(() -> CallWatch.startNanos() != last && CallWatch.ticking());
        assertEquals(last, CallWatch.soundStart(last, System.nanoTime()));
    }
}
