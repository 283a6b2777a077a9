package dev.llmretry.benchmarks.jmh;

import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An experiment, not a configuration anyone should run: llm-retry's happy path with a clock that costs nothing (it
 * always reads 0), to show how much of {@link HappyPathBench#llmRetryFull} is the one {@code System.nanoTime()} each
 * call makes. JMH forks a fresh JVM per benchmark, so the frozen clock never leaks into the other benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockFreeBench {
    @Param("hello")
    public String q;

    private BenchService svc;
    private LlmRuntime.Installation frozen;

    /** Installs the frozen clock and warms the plans. */
    @Setup
    public void setUp() {
        frozen = LlmRuntime.get().install(new FrozenTime(), RandomSource.threadLocal(), null);
        svc = new BenchService();
        LlmRuntime.get().config();
        if (svc.callFull(null, q) == null) throw new IllegalStateException("not woven");
    }

    /** Puts the real clock back. */
    @TearDown
    public void tearDown() {
        frozen.close();
    }

    /** (b) with a free clock. */
    @Benchmark
    public String llmRetryFrozenClock() {
        return svc.callRetry(q);
    }

    /** (c) with a free clock. */
    @Benchmark
    public String llmRetryFullFrozenClock() {
        return svc.callFull(null, q);
    }

    /** Always 0; never waits (the happy path never waits anyway). */
    private static final class FrozenTime implements TimeSource {
        @Override public long nanoTime() { return 0; }

        @Override public Instant now() { return Instant.EPOCH; }

        @Override public void sleep(long nanos) { }

        @Override public Cancellable schedule(Runnable task, long nanos) { return () -> false; }
    }
}
