package dev.llmretry.benchmarks.scale;

import dev.llmretry.config.ConfigLoader;
import dev.llmretry.config.LlmRetryConfig;
import dev.llmretry.exec.LlmRuntime;
import dev.llmretry.exec.RandomSource;
import dev.llmretry.testing.VirtualClock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Prints the scale figures in docs/benchmarks.md: 10,000 async calls waiting in backoff at once (threads, pending
 * tasks), heap per endpoint state, and the time to load a retry.yaml with 1,000 endpoints.
 * {@code java -cp target/benchmarks.jar dev.llmretry.benchmarks.scale.ScaleReport}
 */
public final class ScaleReport {
    private ScaleReport() {
    }

    /** Runs the three checks and prints one line each. */
    public static void main(String[] args) {
        asyncCallsInBackoff(10_000);
        memoryPerEndpoint(1_000);
        loadTime(1_000);
    }

    static void asyncCallsInBackoff(int calls) {
        VirtualClock clock = new VirtualClock();
        LlmRuntime.get().resetState();
        LlmRuntime.get().installTimeAndRandom(clock, RandomSource.seeded(1));
        LlmRuntime.get().useConfig(LlmRetryConfig.defaults());
        FlakyAsyncService service = new FlakyAsyncService();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<CompletableFuture<String>> futures = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) futures.add(service.complete(i));
        int pending = clock.pendingTasks();
        int threadsWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
        long notDone = futures.stream().filter(f -> !f.isDone()).count();
        clock.runAll();
        long answered = futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
        System.out.printf(Locale.ROOT, "async: %d calls waiting in backoff: %d pending tasks, %d not done; live threads "
                        + "%d before, %d while waiting, %d after; %d answered after the clock ran, %d attempts%n", calls,
                pending, notDone, threadsBefore, threadsWaiting,
                ManagementFactory.getThreadMXBean().getThreadCount(), answered, service.attempts());
    }

    static void memoryPerEndpoint(int n) {
        LlmRetryConfig config = ConfigLoader.parse("retry.yaml (" + n + " endpoints)", LargeConfig.withEndpoints(n), v -> null);
        LlmRuntime.get().resetState();
        LlmRuntime.get().useConfig(config);
        long before = usedHeapAfterGc();
        Object targets = LlmRuntime.get().targets(); // creates each endpoint's state: target, breaker, health
        long after = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "memory: %d endpoint states (target + breaker + health + endpoint view) take "
                + "%.0f bytes each (heap delta after GC; %s)%n", n, (after - before) / (double) n,
                targets.getClass().getSimpleName());
    }

    static void loadTime(int n) {
        String yaml = LargeConfig.withEndpoints(n);
        long[] runs = new long[21];
        for (int i = 0; i < runs.length; i++) {
            long t0 = System.nanoTime();
            ConfigLoader.parse("retry.yaml", yaml, v -> null);
            runs[i] = System.nanoTime() - t0;
        }
        long first = runs[0];
        long[] warm = Arrays.copyOfRange(runs, 1, runs.length);
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "load: retry.yaml with %d endpoints (%d KB): first parse %.1f ms (cold JVM), "
                + "median of next %d: %.1f ms%n", n, yaml.length() / 1024, first / 1e6, warm.length, warm[warm.length / 2] / 1e6);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
