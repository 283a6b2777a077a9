package dev.llmretry.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.store.Outcomes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import dev.llmretry.store.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two stores (two instances of a fleet) on one real Redis: what is shared, and what Redis failing does. */
class RedisCircuitStoreTest {
    static final RedisCircuitStore.Timing FAST = new RedisCircuitStore.Timing(Duration.ofMillis(500), Duration.ofMillis(100),
            Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(5));

    private TestRedis redis;
    private final RecordingFleet fleetA = new RecordingFleet();
    private final RecordingFleet fleetB = new RecordingFleet();
    private RedisCircuitStore a;
    private RedisCircuitStore b;

    @BeforeEach
    void start() {
        redis = new TestRedis();
        a = RedisCircuitStore.start(StoreSettings.of("redis", redis.uri()), fleetA, FAST);
        b = RedisCircuitStore.start(StoreSettings.of("redis", redis.uri()), fleetB, FAST);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.sharing() && b.sharing());
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void oneInstanceOpens_otherInstance_isToldAndTheOpenerIsNot() {
        a.opened("iag", Instant.now().plusSeconds(60));

        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("open iag"));
        assertFalse(fleetA.applied.contains("open iag"));
        assertTrue(redis.commands().get(RedisCircuitStore.OPEN + "iag").endsWith(" " + a.instance()));
    }

    @Test
    void oneInstanceCloses_otherInstance_isToldAndTheKeyIsGone() {
        a.opened("iag", Instant.now().plusSeconds(60));
        a.closed("iag");

        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("closed iag"));
        assertEquals(0, redis.commands().exists(RedisCircuitStore.OPEN + "iag"));
    }

    @Test
    void instanceStartedAfterTheOpening_readsTheOpenCircuit() {
        a.opened("iag", Instant.now().plusSeconds(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.commands().exists(RedisCircuitStore.OPEN + "iag") == 1);
        RecordingFleet late = new RecordingFleet();

        try (RedisCircuitStore c = RedisCircuitStore.start(StoreSettings.of("redis", redis.uri()), late, FAST)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> late.applied.contains("open iag"));
        }
    }

    @Test
    void manyThreadsOnTwoInstances_askForTheProbeLease_exactlyOneInstanceHoldsIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch go = new CountDownLatch(1);
                AtomicBoolean aHeld = new AtomicBoolean();
                AtomicBoolean bHeld = new AtomicBoolean();
                List<Future<?>> askers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    boolean onA = i % 2 == 0;
                    askers.add(pool.submit(() -> {
                        go.await();
                        for (int n = 0; n < 500; n++) {
                            if ((onA ? a : b).mayProbe("iag")) (onA ? aHeld : bHeld).set(true);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> asker : askers) asker.get();
                await().atMost(Duration.ofSeconds(5)).until(() -> a.mayProbe("iag") || b.mayProbe("iag"));
                if (a.mayProbe("iag")) aHeld.set(true);
                if (b.mayProbe("iag")) bHeld.set(true);
                assertTrue(aHeld.get() ^ bHeld.get(), "exactly one instance held the lease: a " + aHeld + ", b " + bHeld);
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void leaseHolderClosesTheCircuit_lease_isFreeForTheNextRound() {
        await().atMost(Duration.ofSeconds(5)).until(() -> a.mayProbe("iag"));
        a.closed("iag");

        await().atMost(Duration.ofSeconds(5)).until(() -> redis.commands().exists(RedisCircuitStore.PROBE + "iag") == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.mayProbe("iag"));
    }

    @Test
    void outcomesOfOneInstance_shared_otherInstanceCountsThem() {
        fleetA.local.put("iag", new Outcomes(100, 80));

        await().atMost(Duration.ofSeconds(5)).until(() -> b.others("iag").equals(new Outcomes(100, 80)));
        assertEquals(Outcomes.NONE, a.others("iag"));
    }

    @Test
    void failuresOnTwoInstances_counted_asOneRunThatASuccessEnds() {
        a.failed("iag");
        await().atMost(Duration.ofSeconds(5)).until(() -> fleetA.applied.contains("run iag 1"));
        b.failed("iag");
        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("run iag 2"));

        a.recovered("iag");
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.commands().exists(RedisCircuitStore.STREAK + "iag") == 0);
        b.failed("iag");
        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("run iag 1"));
    }

    @Test
    void garbageKeysAndMessages_sharing_goesOnAndNothingIsApplied() {
        redis.commands().set(RedisCircuitStore.OPEN + "iag", "not-a-number someone");
        redis.commands().set(RedisCircuitStore.OUTCOMES + "iag", "a string where a hash belongs");
        redis.commands().hset(RedisCircuitStore.OUTCOMES + "oneapi", "x", "1 2 three");
        redis.commands().set(RedisCircuitStore.STREAK + "iag", "many");
        redis.commands().publish(RedisCircuitStore.CHANNEL, "open");
        redis.commands().publish(RedisCircuitStore.CHANNEL, "open soon x iag");
        redis.commands().publish(RedisCircuitStore.CHANNEL, "\u0000\u0001 garbage");
        fleetA.local.put("iag", new Outcomes(10, 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> b.others("iag").equals(new Outcomes(10, 1)));
        a.failed("iag"); // "many" is no number: the run starts again
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.commands().exists(RedisCircuitStore.STREAK + "iag") == 0);
        a.failed("iag");
        await().atMost(Duration.ofSeconds(5)).until(() -> fleetA.applied.contains("run iag 1"));
        a.opened("oneapi", Instant.now().plusSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("open oneapi"));
        assertTrue(fleetB.applied.stream().allMatch("open oneapi"::equals), fleetB.applied.toString());
        assertTrue(a.sharing() && b.sharing());
    }

    @Test
    void redisWiped_sharing_goesOn() {
        a.opened("iag", Instant.now().plusSeconds(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("open iag"));

        redis.commands().flushall();
        a.opened("oneapi", Instant.now().plusSeconds(60));

        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("open oneapi"));
        assertTrue(a.sharing() && b.sharing());
    }

    @Test
    void redisKilled_store_fallsBackAnswersAtOnceAndSharesAgainWhenRedisReturnsIncludingWhatOpenedMeanwhile() {
        redis.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !a.sharing() && !b.sharing());

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1_000; i++) {
                assertTrue(a.mayProbe("iag"), "without Redis every instance probes as if alone");
                a.opened("iag", Instant.now().plusSeconds(60));
                assertEquals(Outcomes.NONE, a.others("iag"));
            }
        });

        fleetA.openHere.put("iag", Instant.now().plusSeconds(60)); // opened here while Redis was away
        redis.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> a.sharing() && b.sharing());
        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("open iag"));
        a.opened("oneapi", Instant.now().plusSeconds(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> fleetB.applied.contains("open oneapi"));
    }

    @Test
    void redisSlow_storeCalls_returnAtOnceFallBackAndShareAgainWhenItAnswers() {
        RedisClient raw = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> blocker = raw.connect()) {
            blocker.async().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add(3)); // the server answers nobody for 3 s
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.sharing());

            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                for (int i = 0; i < 1_000; i++) {
                    assertTrue(a.mayProbe("iag"));
                    a.opened("iag", Instant.now().plusSeconds(60));
                    a.failed("iag");
                    assertEquals(Outcomes.NONE, a.others("iag"));
                }
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> a.sharing() && b.sharing());
        } finally {
            raw.shutdown();
        }
    }

    @Test
    void redisAwayForManyReconnectAttempts_eachStore_warnsOnce() {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            int before = a.connectAttempts();
            redis.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.connectAttempts() >= before + 5);
        } finally {
            System.setErr(err);
        }
        String out = log.toString(StandardCharsets.UTF_8);
        assertEquals(2, out.lines().filter(l -> l.contains(" WARN ")).count(), out);
        assertEquals(2, out.lines().filter(l -> l.contains("is not reachable")).count(), out);
    }

    @Test
    void redisNeverThere_store_startsLocalAndConnectsWhenItAppears() {
        redis.stop();
        RecordingFleet fleet = new RecordingFleet();
        try (RedisCircuitStore c = RedisCircuitStore.start(StoreSettings.of("redis", redis.uri()), fleet, FAST)) {
            assertFalse(c.sharing());
            assertTrue(c.mayProbe("iag"));

            redis.start();
            await().atMost(Duration.ofSeconds(15)).until(c::sharing);
        }
    }
}
