package dev.llmretry.internal.breaker;

import dev.llmretry.breaker.CircuitState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.config.SettingsPatch;
import dev.llmretry.internal.health.EndpointHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The opening rule of issue 13: circuits isolate failing endpoints, never flaky ones; a short first isolation for an
 * endpoint that still answers; last-resort probes; the retry budget. Each breaker here weighs a real
 * {@link EndpointHealth} window, recorded first as the runtime's targets do.
 */
class IsolationRuleTest {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    final ManualTime time = new ManualTime(1_000 * S);
    final AtomicLong nanos = time.nanos;
    final List<String> transitions = Collections.synchronizedList(new ArrayList<>());
    final EndpointHealth health = new EndpointHealth(Duration.ofSeconds(60));

    CircuitBreaker breaker(String... patch) {
        SettingsPatch.Builder p = SettingsPatch.breaker("test", "");
        for (int i = 0; i < patch.length; i += 2) p.put(patch[i], patch[i + 1]);
        BreakerSettings s = BreakerSettings.defaults().apply(p.build());
        return new CircuitBreaker("iag", s, () -> time, (b, from, to, at) -> () -> transitions.add(from + "->" + to),
                RecentOutcomes.of(health::successRate, health::windowRequests, health::totalRequests,
                        Duration.ofSeconds(60)));
    }

    /** One request through the breaker, recorded in health first (as {@code Target} does); returns true if admitted. */
    boolean request(CircuitBreaker b, boolean fails) {
        BreakerState permit = b.tryAcquire();
        if (permit == null) return false;
        if (fails) {
            health.recordFailure(nanos.get(), "503", time.now());
            b.onFailure(permit);
        } else {
            health.recordSuccess(nanos.get());
            b.onSuccess(permit);
        }
        return true;
    }

    @Test
    void fifteenPercentRandomFailures_at100RequestsPerSecond_circuitNeverOpens_thoughStreaksOfThreeHappen() {
        CircuitBreaker b = breaker();
        SplittableRandom random = new SplittableRandom(42);
        int streak = 0, streaksOfThree = 0;
        for (int i = 0; i < 100_000; i++) { // 1000 s of traffic
            nanos.addAndGet(10 * MS);
            boolean fails = random.nextDouble() < 0.15;
            streak = fails ? streak + 1 : 0;
            if (streak == 3) streaksOfThree++;
            assertTrue(request(b, fails), "request " + i + " refused: the circuit opened on noise");
        }
        assertTrue(streaksOfThree > 100, "the old rule would have opened " + streaksOfThree + " times");
        assertEquals(List.of(), transitions);
    }

    @Test
    void fifteenPercentRandomFailures_withTheRateRuleOff_opensOnNoise_asTheOldRuleDid() {
        CircuitBreaker b = breaker("min-failure-rate", "off");
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000 && transitions.isEmpty(); i++) {
            nanos.addAndGet(10 * MS);
            request(b, random.nextDouble() < 0.15);
        }
        assertEquals(List.of("CLOSED->OPEN"), transitions);
    }

    @Test
    void seedsScenario_threeFailuresAndNothingAnswered_opensForTheFullRecoveryTime() {
        CircuitBreaker b = breaker("recovery-time", "120s");
        for (int i = 0; i < 3; i++) request(b, true);

        assertEquals(CircuitState.OPEN, b.state());
        assertEquals(time.now().plusSeconds(120), b.retryAt());
    }

    @Test
    void busyEndpointDies_opensAtTheOutageThreshold_despiteItsEarlierSuccesses() {
        CircuitBreaker b = breaker("outage-threshold", "10");
        for (int i = 0; i < 6_000; i++) { // a minute of successes at 100/s
            nanos.addAndGet(10 * MS);
            request(b, false);
        }
        for (int i = 1; i <= 9; i++) {
            nanos.addAndGet(10 * MS);
            request(b, true);
            assertEquals(CircuitState.CLOSED, b.state(), "after " + i + " failures");
        }
        request(b, true);

        assertEquals(CircuitState.OPEN, b.state());
    }

    @Test
    void overloadedEndpoint_firstOpensForMinRecoveryTime_thenDoublesPerFailedProbe_upToRecoveryTime() {
        CircuitBreaker b = breaker("min-recovery-time", "5s", "recovery-time", "30s", "success-threshold", "1");
        for (int i = 0; i < 4; i++) request(b, false);
        for (int i = 0; i < 5; i++) request(b, true); // 5 of 9 failed: at least 50%, and three in a row
        assertEquals(CircuitState.OPEN, b.state());

        List<Long> openFor = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            long opened = nanos.get();
            while (!request(b, true)) nanos.addAndGet(S); // the trial fails: open again
            openFor.add((nanos.get() - opened) / S);
        }
        assertEquals(List.of(5L, 10L, 20L, 30L), openFor);

        while (!request(b, false)) nanos.addAndGet(S);
        assertEquals(CircuitState.CLOSED, b.state());
        for (int i = 0; i < 10; i++) request(b, true);
        long opened = nanos.get();
        while (!request(b, false)) nanos.addAndGet(S);
        assertEquals(5, (nanos.get() - opened) / S, "closing forgave the endpoint: short isolation again");
    }

    @Test
    void lastResortProbe_atMostTwiceASecond_notRightAfterOpening_andASuccessClosesTheCircuit() {
        CircuitBreaker b = breaker("recovery-time", "120s", "success-threshold", "2");
        for (int i = 0; i < 3; i++) request(b, true);
        assertNull(b.tryProbe(), "it failed just now");

        nanos.addAndGet(500 * MS);
        BreakerState probe = b.tryProbe();
        assertNotNull(probe);
        assertTrue(probe.isProbe());
        assertNull(b.tryProbe(), "one probe per half second");
        b.onFailure(probe);
        assertEquals(CircuitState.OPEN, b.state(), "a failed probe changes nothing");
        assertEquals(time.now().plusSeconds(120).minusMillis(500), b.retryAt(), "nor the probe time");

        nanos.addAndGet(500 * MS);
        probe = b.tryProbe();
        assertNotNull(probe);
        b.onSuccess(probe);
        assertEquals(CircuitState.CLOSED, b.state(), "a probe that answered brings the endpoint back at once");
        assertEquals(List.of("CLOSED->OPEN", "OPEN->CLOSED"), transitions);
    }

    @Test
    void retryBudget_allowsTwentyPercentOfRequestsPlusOnePerSecond_thenRefuses() {
        CircuitBreaker b = breaker("retry-budget", "20%", "min-retries-per-second", "0.5");
        for (int i = 0; i < 1000; i++) request(b, i % 2 == 0); // 1000 requests in the window
        int allowed = 0;
        while (b.tryRetry(nanos.get())) allowed++;

        assertEquals(230, allowed, "20% of 1000, plus 0.5/s over the 60 s window");
        assertEquals(230, b.retriesInWindow(nanos.get()));
        nanos.addAndGet(61 * S);
        assertTrue(b.tryRetry(nanos.get()), "the window moved on");
    }

    @Test
    void retryBudget_off_neverRefuses() {
        CircuitBreaker b = breaker("retry-budget", "off", "min-retries-per-second", "0");
        for (int i = 0; i < 10_000; i++) assertTrue(b.tryRetry(nanos.get()));
    }

    @Test
    void quietEndpoint_retryBudgetFloor_allowsATenthOfARetryPerSecondOfTheWindow() {
        CircuitBreaker b = breaker();
        int allowed = 0;
        while (b.tryRetry(nanos.get())) allowed++;
        assertEquals(6, allowed, "no traffic: the default floor of 0.1 retry/s over the 60 s window");
    }

    @Test
    void startUpBurst_fastErrorsBeforeSlowAnswers_doNotOpen_whileMoreRequestsAreOutstanding() {
        CircuitBreaker b = breaker("outage-threshold", "10");
        List<BreakerState> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) pending.add(b.tryAcquire()); // 100 requests sent in the first second
        for (int i = 0; i < 15; i++) { // their errors come back first (50 ms), the answers take a second
            health.recordFailure(nanos.get(), "503", time.now());
            b.onFailure(pending.remove(0));
        }
        assertEquals(CircuitState.CLOSED, b.state(), "15 errors in a row, but 85 answers still outstanding");

        for (BreakerState p : pending) {
            health.recordSuccess(nanos.get());
            b.onSuccess(p);
        }
        assertEquals(CircuitState.CLOSED, b.state());
    }

    @Test
    void streak_whileOutcomesAreLost_opensAfterAtMostThirtySeconds() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 20; i++) b.tryAcquire(); // outcomes never reported (a bug elsewhere must not disable the breaker)
        for (int i = 0; i < 3; i++) request(b, true);
        assertEquals(CircuitState.CLOSED, b.state());
        nanos.addAndGet(30 * S);
        request(b, true);
        assertEquals(CircuitState.OPEN, b.state());
    }

    @Test
    void halfOpen_admitsOneTrialFirst_thenUpToTheLimitOnceOneAnswered() {
        CircuitBreaker b = breaker("half-open-max-calls", "3", "success-threshold", "3", "recovery-time", "10s");
        for (int i = 0; i < 3; i++) request(b, true);
        nanos.addAndGet(10 * S);

        BreakerState first = b.tryAcquire();
        assertNotNull(first);
        assertNull(b.tryAcquire(), "one request per probing round until it answered");
        health.recordSuccess(nanos.get());
        b.onSuccess(first);
        for (int i = 0; i < 3; i++) assertNotNull(b.tryAcquire());
        assertNull(b.tryAcquire(), "half-open-max-calls in flight at most");
    }
}
