package dev.llmretry.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.breaker.BreakerState;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.breaker.RecentOutcomes;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.store.CircuitStore;
import dev.llmretry.store.Outcomes;
import dev.llmretry.store.StoreSettings;
import dev.llmretry.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a fleet, each with its own breaker for {@code iag} and its own {@link FleetBridge}, sharing one
 * in-memory store: what one decides is applied by the other, never told back, and one of them probes.
 */
class FleetBridgeTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeSource time = new TimeSource() {
        @Override public long nanoTime() { return nanos.get(); }
        @Override public Instant now() { return Instant.EPOCH.plusNanos(nanos.get()); }
        @Override public void sleep(long n) { nanos.addAndGet(n); }
        @Override public Cancellable schedule(Runnable task, long n) { throw new UnsupportedOperationException(); }
    };
    private final SharedMemory memory = new SharedMemory();
    private final Instance a = new Instance("a");
    private final Instance b = new Instance("b");

    @Test
    void oneInstanceOpens_otherInstance_skipsTheEndpointWithoutTellingItBack() {
        a.fail(3);

        assertEquals(CircuitState.OPEN, a.breaker.state());
        assertEquals(CircuitState.OPEN, b.breaker.state());
        assertNull(b.breaker.tryAcquire());
        assertEquals(List.of("a opened iag"), memory.told);
    }

    @Test
    void openTimeOver_bothInstances_onlyTheLeaseHolderSendsTheTrial() {
        a.fail(3);
        nanos.addAndGet(Duration.ofSeconds(121).toNanos());

        BreakerState trialA = a.breaker.tryAcquire();
        BreakerState trialB = b.breaker.tryAcquire();

        assertNotNull(trialA);
        assertNull(trialB);
        a.breaker.onSuccess(trialA);
        a.breaker.onSuccess(a.breaker.tryAcquire());
        assertEquals(CircuitState.CLOSED, a.breaker.state());
        assertEquals(CircuitState.CLOSED, b.breaker.state());
        assertEquals(List.of("a opened iag", "a closed iag"), memory.told);
    }

    @Test
    void fleetOutcomes_rate_countsTheOtherInstancesRequests() {
        memory.others = new Outcomes(100, 2);
        RecentOutcomes own = RecentOutcomes.of(n -> 0.0, n -> 3, () -> 3, Duration.ofSeconds(60));

        double rate = a.bridge.recent("iag", own).failureRate(nanos.get());

        assertEquals(5.0 / 103, rate, 1e-9);
    }

    @Test
    void remoteOpenFarAhead_applied_neverLongerThanRecoveryTime() {
        b.bridge.openedElsewhere("iag", time.now().plus(Duration.ofDays(365)));

        assertEquals(time.now().plus(Duration.ofSeconds(120)), b.breaker.retryAt());
    }

    @Test
    void remoteOpeningSeenWithOneSecondLeft_trialFails_reopensForTwiceAFirstOpeningNotTwiceTheSecondLeft() {
        b.bridge.openedElsewhere("iag", time.now().plusSeconds(1));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        BreakerState trial = b.breaker.tryAcquire();
        b.breaker.onFailure(trial);

        assertEquals(time.now().plus(Duration.ofSeconds(10)), b.breaker.retryAt()); // 2 x min-recovery-time (5s)
    }

    @Test
    void fleetRunReachesOutageThreshold_closedCircuit_opensForMinRecoveryTimeAndTellsTheFleet() {
        b.bridge.fleetFailures("iag", 9);
        assertEquals(CircuitState.CLOSED, b.breaker.state());

        b.bridge.fleetFailures("iag", 10);

        assertEquals(CircuitState.OPEN, b.breaker.state());
        assertEquals(time.now().plus(Duration.ofSeconds(5)), b.breaker.retryAt());
        assertEquals(CircuitState.OPEN, a.breaker.state());
        assertEquals(List.of("b opened iag"), memory.told);
    }

    @Test
    void failuresAndTheSuccessEndingThem_closedCircuit_areToldToTheStoreButPlainSuccessesAreNot() {
        a.breaker.onSuccess(a.breaker.tryAcquire());
        a.fail(2);
        a.breaker.onSuccess(a.breaker.tryAcquire());
        a.breaker.onSuccess(a.breaker.tryAcquire());

        assertEquals(List.of("a failed iag", "a failed iag", "a ended iag"), memory.streaks);
    }

    @Test
    void unknownEndpointOrPastInstant_applied_changesNothing() {
        b.bridge.openedElsewhere("no-such-endpoint", time.now().plusSeconds(10));
        b.bridge.openedElsewhere("iag", time.now().minusSeconds(10));
        b.bridge.closedElsewhere("no-such-endpoint");

        assertEquals(CircuitState.CLOSED, b.breaker.state());
    }

    @Test
    void storeWithoutModule_use_failsNamingTheModuleToAddAndKeepsTheStoreInUse() {
        CircuitStore before = a.bridge.store();
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> a.bridge.use(StoreSettings.of("redis", "redis://localhost:6379"), getClass().getClassLoader()));

        assertTrue(e.getMessage().contains("health.store: redis needs dev.llmretry:retry-redis on the class path"), e.getMessage());
        assertSame(before, a.bridge.store());
    }

    /** One instance: a breaker for iag whose bridge uses the shared memory. */
    private final class Instance {
        final String id;
        final FleetBridge bridge;
        final CircuitBreaker breaker;

        Instance(String id) {
            this.id = id;
            CircuitBreaker[] holder = new CircuitBreaker[1];
            bridge = new FleetBridge(n -> holder[0], n -> Outcomes.NONE, () -> Set.of("iag"), time::now, time::nanoTime,
                    () -> 60_000);
            breaker = new CircuitBreaker("iag", BreakerSettings.defaults(), () -> time,
                    (cb, from, to, at, caller) -> bridge.changed(cb, to, at), bridge.recent("iag", RecentOutcomes.NONE));
            breaker.trialGate(() -> bridge.mayProbe("iag"));
            breaker.streakListener(bridge.streak("iag"));
            holder[0] = breaker;
            memory.join(this);
        }

        void fail(int n) {
            for (int i = 0; i < n; i++) breaker.onFailure(breaker.tryAcquire());
        }
    }

    /** The fleet's store: tells every other member at once; the first to ask for the probe lease gets it. */
    private static final class SharedMemory {
        final List<String> told = new ArrayList<>();
        final List<String> streaks = new ArrayList<>();
        final List<Instance> members = new ArrayList<>();
        Outcomes others = Outcomes.NONE;
        String leaseHolder;

        void join(Instance member) {
            members.add(member);
            member.bridge.use(new CircuitStore() {
                @Override public void opened(String endpoint, Instant until) {
                    told.add(member.id + " opened " + endpoint);
                    for (Instance m : members) if (m != member) m.bridge.openedElsewhere(endpoint, until);
                }
                @Override public void closed(String endpoint) {
                    told.add(member.id + " closed " + endpoint);
                    leaseHolder = null;
                    for (Instance m : members) if (m != member) m.bridge.closedElsewhere(endpoint);
                }
                @Override public boolean mayProbe(String endpoint) {
                    if (leaseHolder == null) leaseHolder = member.id;
                    return leaseHolder.equals(member.id);
                }
                @Override public void failed(String endpoint) { streaks.add(member.id + " failed " + endpoint); }
                @Override public void recovered(String endpoint) { streaks.add(member.id + " ended " + endpoint); }
                @Override public Outcomes others(String endpoint) { return others; }
                @Override public boolean sharing() { return true; }
                @Override public void close() { }
            });
        }
    }
}
