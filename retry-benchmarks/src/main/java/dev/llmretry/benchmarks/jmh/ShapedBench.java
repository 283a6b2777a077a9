package dev.llmretry.benchmarks.jmh;

import dev.llmretry.internal.exec.LlmRuntime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Happy-path cost of the full stack ({@code @LlmRetry @LlmCircuitBreaker @Failover}) on results that arrive later:
 * a {@code CompletableFuture} (the async shell) and a {@code Stream} (the stream shell, which fetches the first
 * element before returning). These shells allocate their call state by design; the benchmark shows how much, and
 * that picking the shell from the declared result type (woven ABI v2: one shaped advice per position) costs nothing
 * measurable against one advice per shape (v1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ShapedBench {
    @Param("hello")
    public String q;

    private BenchService svc;

    /** Warms the plans so configuration loading is outside the measurement. */
    @Setup
    public void setUp() {
        svc = new BenchService();
        LlmRuntime.get().config();
        if (svc.callFullAsync(null, q).join() == null) throw new IllegalStateException("not woven");
    }

    /** A woven {@code CompletableFuture} method, completed at once, joined. */
    @Benchmark
    public String llmRetryFullAsync() {
        return svc.callFullAsync(null, q).join();
    }

    /** A woven {@code Stream} method: its first element. */
    @Benchmark
    public String llmRetryFullStream() {
        return svc.callFullStream(null, q).findFirst().orElseThrow();
    }
}
