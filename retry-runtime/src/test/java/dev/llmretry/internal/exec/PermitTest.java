package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.breaker.RecentOutcomes;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.config.SettingsPatch;
import dev.llmretry.internal.endpoint.ConfiguredEndpoint;
import dev.llmretry.internal.health.EndpointHealth;
import dev.llmretry.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A {@link Permit} names the target an attempt went to and the breaker state that admitted it, and costs nothing per
 * call: one per breaker state, reused.
 */
class PermitTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /** A breaker that opens after {@code threshold} failures in a row, whatever the recent failure rate. */
    static BreakerSettings settings(String threshold) {
        return BreakerSettings.defaults().apply(SettingsPatch.breaker("test", "").put("failure-threshold", threshold)
                .put("outage-threshold", threshold).build());
    }

    static Target target(String name, BreakerSettings settings) {
        EndpointHealth health = new EndpointHealth(Duration.ofSeconds(60));
        CircuitBreaker breaker = new CircuitBreaker(name, settings, TimeSource::system,
                (b, from, to, at, caller) -> null, RecentOutcomes.of(health::successRate, health::windowRequests,
                health::totalRequests, Duration.ofSeconds(60)));
        return new Target(name, ConfiguredEndpoint.implicit(name), breaker, health, 0);
    }

    @Test
    void closedCircuit_manyAttempts_oneReusedPermit_naming_itsTarget() {
        Target iag = target("iag", BreakerSettings.defaults());
        Permit first = iag.tryAcquire();
        assertSame(iag, first.target);
        assertFalse(first.isTrial() || first.isProbe());
        first.succeeded(System.nanoTime(), null);
        for (int i = 0; i < 100; i++) {
            Permit p = iag.tryAcquire();
            assertSame(first, p, "a call allocates no permit while the breaker stays in one state");
            p.succeeded(System.nanoTime(), null);
        }
        assertEquals(101, iag.health.totalRequests());
        assertEquals(0, iag.breaker.inFlight());
    }

    @Test
    void noBreaker_alwaysTheTargetsOnePermit_andNoProbe() {
        Target plain = new Target("plain", ConfiguredEndpoint.implicit("plain"), null, null, 0);
        assertSame(plain.tryAcquire(), plain.tryAcquire());
        assertSame(plain, plain.tryAcquire().target);
        assertNull(plain.tryAcquire().state);
        assertNull(plain.tryProbe());
        plain.tryAcquire().succeeded(0, null); // nothing to record, nothing thrown
        assertFalse(plain.tryAcquire().failed(0, "x", AT, null));
    }

    @Test
    void stateChange_newPermit_andALateOutcomeOnTheOldOneCannotReopen() {
        Target iag = target("iag", settings("1"));
        Permit closed = iag.tryAcquire();
        Permit late = iag.tryAcquire();
        assertTrue(closed.failed(System.nanoTime(), "503", AT, null), "one failure opens it");
        assertEquals(CircuitState.OPEN, iag.breaker.state());
        iag.breaker.reset();
        Permit afterReset = iag.tryAcquire();
        assertNotSame(closed, afterReset, "a new state, a new permit");
        assertNotSame(closed.state, afterReset.state);
        late.failed(System.nanoTime(), "503", AT, null); // the answer of a call admitted before the reset
        assertEquals(CircuitState.CLOSED, iag.breaker.state(), "recorded against the state that admitted it");
    }

    @Test
    void cancelledBeforeItsAttempt_release_givesTheInFlightSlotBack() {
        Target iag = target("iag", BreakerSettings.defaults());
        Permit p = iag.tryAcquire();
        assertEquals(1, iag.breaker.inFlight());
        p.release();
        assertEquals(0, iag.breaker.inFlight());
        Permit q = iag.tryAcquire();
        q.ignored(); // a bad request: counted, but neither success nor failure
        assertEquals(1, iag.health.totalRequests());
        assertEquals(0, iag.breaker.inFlight());
    }

    /**
     * Many threads take permits and record outcomes while the circuit opens and closes under them: every permit names
     * the target and a state of its breaker, and once all are settled nothing is left in flight.
     */
    @Test
    void manyThreads_breakerOpeningAndClosing_permitsStayConsistent_noneLeftInFlight() {
        Target iag = target("iag", settings("2"));
        int threads = 8;
        int rounds = 20_000;
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    go.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < rounds; i++) {
                        if (random.nextInt(500) == 0) iag.breaker.reset(); // a hand reset closes it now and then
                        Permit p = iag.tryAcquire();
                        if (p == null) continue; // open: refused
                        if (p.target != iag || p.state.breaker() != iag.breaker) throw new AssertionError(p.toString());
                        switch (random.nextInt(4)) {
                            case 0 -> p.failed(System.nanoTime(), "503", AT, null);
                            case 1 -> p.release();
                            default -> p.succeeded(System.nanoTime(), null);
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "permit-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            go.countDown();
            for (Thread w : workers) w.join();
        }, "a deadlock among the workers");
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(0, iag.breaker.inFlight(), "every permit was settled once");
        assertNotNull(iag.breaker.state());
    }
}
