package dev.llmretry.internal.exec;

import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.SettingsPatch;
import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.event.LlmRetryListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision core without weaving: a private {@link LlmRuntime} with a hand-moved clock, plans built from
 * {@link CallSpec}s, attempts run by {@link SyncCall}. What the woven modules test end to end, pinned here at the
 * executor's own boundary.
 */
class ExecutorTest {
    private static final String YAML = """
            retry:
              default: { max-attempts: 6, initial-backoff: 1s, max-backoff: 30s, multiplier: 2.0, jitter: none, max-duration: 5m }
            circuit-breaker:
              default: { failure-threshold: 3, recovery-time: 120s }
            endpoints:
              iag:     { url: "https://iag.example/v1", priority: 1 }
              oneapi:  { url: "https://oneapi.example/v1", priority: 2 }
              litellm: { url: "https://litellm.example/v1", priority: 3 }
            """;

    final Clock clock = new Clock();
    final LlmRuntime runtime = new LlmRuntime(() -> ConfigLoader.parse("test retry.yaml", YAML, name -> null));
    final List<String> sent = new ArrayList<>();
    final List<LlmRetryEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        runtime.installTimeAndRandom(clock, RandomSource.seeded(1));
        runtime.listeners().add(new LlmRetryListener() {
            @Override public void onEvent(LlmRetryEvent e) { events.add(e); }
        });
    }

    static CallSpec spec(FailoverStrategy strategy, String... endpoints) {
        return new CallSpec("test.chat", false, "test.chat", "default", SettingsPatch.retry("test", "").build(), null,
                null, SettingsPatch.breaker("test", "").build(), List.of(endpoints), strategy, List.of(), List.of(), -1);
    }

    /** One call: each endpoint answers from its script (a failure or, once the script is spent, its name). */
    Object call(MethodPlan plan, Map<String, List<? extends Throwable>> scripts) throws Throwable {
        Map<String, Integer> used = new java.util.HashMap<>();
        return SyncCall.run(plan, endpoint -> {
            sent.add(endpoint.name());
            List<? extends Throwable> script = scripts.getOrDefault(endpoint.name(), List.of());
            int i = used.merge(endpoint.name(), 1, Integer::sum) - 1;
            if (i < script.size()) throw script.get(i);
            return endpoint.name();
        });
    }

    static LlmHttpException status(int code) {
        return new LlmHttpException(code, Map.of(), "");
    }

    @Test
    void threeTimeouts_openTheCircuit_andTheCallFailsOver_afterBackoffsOfOneAndTwoSeconds() throws Throwable {
        MethodPlan plan = runtime.plans().of(spec(FailoverStrategy.PRIORITY, "iag", "oneapi", "litellm"));

        assertEquals("oneapi", call(plan, Map.of("iag", List.of(status(504), status(504), status(504)))));

        assertEquals(List.of("iag", "iag", "iag", "oneapi"), sent);
        assertEquals(List.of(1_000_000_000L, 2_000_000_000L), clock.sleeps);
        assertEquals(List.of("CallStarted", "RetryScheduled", "RetryScheduled", "CircuitStateChanged", "FailedOver",
                "CallSucceeded"), events.stream().map(e -> e.getClass().getSimpleName()).toList());
        assertTrue(events.stream().allMatch(e -> e.callId() == events.get(0).callId()), "one id for the call's events");
    }

    @Test
    void badRequest_abortsWithOneRequest_andTheSameException() {
        MethodPlan plan = runtime.plans().of(spec(FailoverStrategy.PRIORITY, "iag", "oneapi"));
        LlmHttpException bad = status(400);

        assertSame(bad, assertThrows(LlmHttpException.class, () -> call(plan, Map.of("iag", List.of(bad)))));
        assertEquals(List.of("iag"), sent);
        assertEquals(List.of(), clock.sleeps);
    }

    @Test
    void roundRobin_startsEachCallOnTheNextEndpoint() throws Throwable {
        MethodPlan plan = runtime.plans().of(spec(FailoverStrategy.ROUND_ROBIN, "iag", "oneapi", "litellm"));
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) answers.add(call(plan, Map.of()));
        assertEquals(List.of("iag", "oneapi", "litellm", "iag"), answers);
    }

    @Test
    void successRate_startsOnTheEndpointWithTheBestRecentRecord_andFailsOverToTheNextBest() throws Throwable {
        MethodPlan plan = runtime.plans().of(spec(FailoverStrategy.SUCCESS_RATE, "iag", "oneapi", "litellm"));
        call(plan, Map.of("iag", List.of(new java.net.UnknownHostException("iag.example"))));  // iag: 0/1
        call(plan, Map.of());                                                                   // oneapi: 1/1
        sent.clear();

        assertEquals("oneapi", call(plan, Map.of()));
        assertEquals("litellm", call(plan, Map.of("oneapi", List.of(new java.net.UnknownHostException("x")))),
                "from oneapi to litellm (never tried: 100%), not back to iag (0%)");
        assertEquals(List.of("oneapi", "oneapi", "litellm"), sent);
    }

    @Test
    void everyCircuitOpen_oneLastResortProbePerHalfSecond_thenUnavailableNamingTheNextProbe() throws Throwable {
        MethodPlan plan = runtime.plans().of(spec(FailoverStrategy.PRIORITY, "iag"));
        List<? extends Throwable> down = List.of(status(503), status(503), status(503), status(503));
        assertThrows(LlmHttpException.class, () -> call(plan, Map.of("iag", down)));  // opens iag
        clock.advance(600_000_000L);
        sent.clear();

        assertThrows(LlmHttpException.class, () -> call(plan, Map.of("iag", down)), "the probe goes and fails");
        EndpointsUnavailableException none = assertThrows(EndpointsUnavailableException.class,
                () -> call(plan, Map.of()));

        assertEquals(List.of("iag"), sent, "one probe, then nothing sent");
        assertTrue(none.getMessage().contains("next probe at"), none.getMessage());
    }

    /** A clock moved by hand; sleeping advances it and is recorded. */
    static final class Clock implements TimeSource {
        final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
        final List<Long> sleeps = new CopyOnWriteArrayList<>();

        void advance(long n) { nanos.addAndGet(n); }

        @Override public long nanoTime() { return nanos.get(); }

        @Override public Instant now() { return Instant.parse("2026-01-01T00:00:00Z").plusNanos(nanos.get()); }

        @Override public void sleep(long n) {
            sleeps.add(n);
            nanos.addAndGet(n);
        }

        @Override public Cancellable schedule(Runnable task, long n) { throw new UnsupportedOperationException(); }
    }
}
