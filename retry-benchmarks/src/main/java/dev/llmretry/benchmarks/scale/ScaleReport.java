package dev.llmretry.benchmarks.scale;

import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import dev.llmretry.testing.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        BackoffScale s = asyncCallsInBackoff(10_000);
        System.out.printf(Locale.ROOT, "async: 10000 calls waiting in backoff: %d pending tasks, %d not done; live "
                + "threads %d before, %d after, new while waiting: %s; %d answered after the clock ran, %d attempts%n",
                s.pendingTasks(), s.notDone(), s.threadsBefore(), s.threadsAfter(), s.newThreads(), s.answered(), s.attempts());
        memoryPerEndpoint(1_000);
        loadTime(1_000);
    }

    /**
     * What {@code calls} simultaneous async calls, each failing its first attempt, left behind while in backoff.
     *
     * @param pendingTasks  scheduled retries on the virtual clock while every call waits
     * @param notDone       calls not yet complete at that point
     * @param newThreads    threads that exist while waiting but did not before
     * @param threadsBefore live threads before the calls
     * @param threadsAfter  live threads after every call completed
     * @param answered      calls answered once the clock ran
     * @param attempts      attempts the service saw
     */
    public record BackoffScale(int pendingTasks, long notDone, List<String> newThreads, int threadsBefore,
                               int threadsAfter, long answered, int attempts) {
    }

    /** Starts {@code calls} async calls at one virtual instant, looks at what waits, then lets the clock run. */
    public static BackoffScale asyncCallsInBackoff(int calls) {
        VirtualClock clock = new VirtualClock();
        LlmRetryConfig defaults = LlmRetryConfig.defaults();
        try (LlmRuntime.Installation run = LlmRuntime.get().install(clock, RandomSource.seeded(1), defaults)) {
            FlakyAsyncService service = new FlakyAsyncService();
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            List<CompletableFuture<String>> futures = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) futures.add(service.complete(i));
            int pending = clock.pendingTasks();
            long notDone = futures.stream().filter(f -> !f.isDone()).count();
            List<String> created = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                    .map(Thread::getName).toList();
            clock.runAll();
            long answered = futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
            return new BackoffScale(pending, notDone, created, before.size(), Thread.getAllStackTraces().size(),
                    answered, service.attempts());
        }
    }

    static void memoryPerEndpoint(int n) {
        LlmRetryConfig config = ConfigLoader.parse("retry.yaml (" + n + " endpoints)", LargeConfig.withEndpoints(n), v -> null);
        try (LlmRuntime.Installation run = LlmRuntime.get().install(TimeSource.system(), RandomSource.threadLocal(),
                config)) {
            long before = usedHeapAfterGc();
            Object targets = LlmRuntime.get().targets(); // creates each endpoint's state: target, breaker, health
            long after = usedHeapAfterGc();
            System.out.printf(Locale.ROOT, "memory: %d endpoint states (target + breaker + health + endpoint view) "
                    + "take %.0f bytes each (heap delta after GC; %s)%n", n, (after - before) / (double) n,
                    targets.getClass().getSimpleName());
        }
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
