package dev.llmretry.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.testing.VirtualClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over a million woven calls (one attempt in a thousand failing once, so retries, failovers and breaker changes
 * happen too), per-method plans, per-endpoint windows and listener traffic stay bounded: the plan count is constant
 * and the heap used after GC does not grow with the number of calls. Heap figures are compared by order of
 * magnitude (a margin of tens of MB), never byte for byte. {@code -Dmemory.calls=20000000} runs it longer.
 */
class BoundedMemoryTest {
    static final String YAML = """
            circuit-breaker:
              default: { failure-threshold: 3, recovery-time: 1s, success-threshold: 1, half-open-max-calls: 1 }
            endpoints:
              iag:     { url: "https://iag.example/v1", priority: 1 }
              oneapi:  { url: "https://oneapi.example/v1", priority: 2 }
              litellm: { url: "https://litellm.example/v1", priority: 3 }
            """;
    static final long SLACK_BYTES = 32L * 1024 * 1024;

    private LlmRuntime.Installation installation;

    @AfterEach
    void restore() {
        if (installation != null) installation.close();
    }

    @Test
    void millionsOfWovenCalls_run_plansAndHeapStayBounded() throws Exception {
        long calls = Long.getLong("memory.calls", 1_500_000);
        LlmRuntime rt = LlmRuntime.get();
        installation = rt.install(new VirtualClock(), RandomSource.seeded(1), ConfigLoader.parse("memory retry.yaml", YAML, v -> null));
        LongAdder successes = new LongAdder();
        dev.llmretry.event.LlmRetryListener counter = new dev.llmretry.event.LlmRetryListener() {
            @Override public void onSuccess(dev.llmretry.event.CallSucceeded e) { successes.increment(); }
        };
        LlmResilience.addListener(counter);
        try {
            HappyService service = new HappyService(1000);
            long warmup = calls / 5;
            run(service, warmup);
            long heapAfterWarmup = usedHeapAfterGc();
            int plansAfterWarmup = rt.plans().size();
            run(service, calls - warmup);
            long heapAtEnd = usedHeapAfterGc();

            System.out.printf("bounded memory: %d calls, %d attempts, heap after GC %d KB after %d calls, %d KB after %d%n",
                    calls, service.attempts(), heapAfterWarmup / 1024, warmup, heapAtEnd / 1024, calls);
            assertEquals(calls, successes.sum(), "every call succeeded");
            assertEquals(1, plansAfterWarmup);
            assertEquals(plansAfterWarmup, rt.plans().size(), "one plan per method, however many calls");
            assertEquals(3, rt.targets().size(), "one target per endpoint");
            assertTrue(heapAtEnd < heapAfterWarmup + SLACK_BYTES, "heap grew with calls: " + heapAfterWarmup / 1024
                    + " KB after " + warmup + " calls, " + heapAtEnd / 1024 + " KB after " + calls);
        } finally {
            LlmResilience.removeListener(counter);
        }
    }

    private static void run(HappyService service, long n) throws Exception {
        for (long i = 0; i < n; i++) service.chat("q", null);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
