package dev.llmretry.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.health.HealthReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads through woven calls: no call lost or hung, counts add up, half-open admits exactly its quota. */
class ConcurrencyTest {
    @RegisterExtension final Fresh fresh = new Fresh();

    @Test
    void manyThreads_primaryAlwaysFailing_everyCallAnswered_countsAddUp() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        for (int i = 0; i < 100_000; i++) backend.script("iag", new LlmHttpException(503, Map.of(), ""));
        ChatService service = new ChatService(backend);
        int threads = 32, perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    int answered = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (service.chat("q", null).startsWith("answer from oneapi")) answered++;
                    }
                    return answered;
                }));
            }
            int answered = 0;
            for (Future<Integer> f : results) answered += f.get(60, TimeUnit.SECONDS);

            assertEquals(threads * perThread, answered, "every call answered by oneapi");
            long iagCalls = backend.calls().stream().filter("iag"::equals).count();
            long oneapiCalls = backend.calls().stream().filter("oneapi"::equals).count();
            assertEquals(threads * perThread, oneapiCalls);
            HealthReport health = LlmResilience.health();
            assertEquals(iagCalls, health.endpoint("iag").totalRequests(), "health counts every request to iag");
            assertEquals(oneapiCalls, health.endpoint("oneapi").totalRequests());
            assertTrue(iagCalls < threads * perThread / 4, "the open circuit keeps most calls off iag: " + iagCalls);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void halfOpen_manyConcurrentCallers_exactlyTheAllowedTrialCallsReachIag() throws Exception {
        // the test retry.yaml: failure-threshold 3, recovery-time 120s, half-open-max-calls 1, success-threshold 1
        GateService gate = new GateService();
        ScriptedBackend opener = new ScriptedBackend();
        opener.script("iag", new LlmHttpException(503, Map.of(), ""), new LlmHttpException(503, Map.of(), ""),
                new LlmHttpException(503, Map.of(), ""));
        ShapedChatService shaped = new ShapedChatService(opener);
        shaped.sync("open iag", null);
        assertEquals(dev.llmretry.health.HealthState.CIRCUIT_OPEN, LlmResilience.health().endpoint("iag").state());
        fresh.clock.advance(Duration.ofSeconds(121));

        int callers = 24;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) results.add(pool.submit(() -> gate.call(null)));
            await().atMost(Duration.ofSeconds(20)).until(() -> gate.inIag() + gate.inOneapi() == callers);

            assertEquals(1, gate.inIag(), "half-open-max-calls is 1");
            assertEquals(callers - 1, gate.inOneapi());
            gate.release();
            for (Future<String> f : results) f.get(30, TimeUnit.SECONDS);
            assertEquals(dev.llmretry.health.HealthState.HEALTHY, LlmResilience.health().endpoint("iag").state());
        } finally {
            gate.release();
            pool.shutdownNow();
        }
    }
}
