package dev.llmretry.benchmarks.jmh;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The price of the building blocks of llm-retry's happy path on this machine, to explain where its nanoseconds go:
 * a clock read, an identity-keyed hash lookup, and a striped-counter increment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PartsBench {
    private final ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>();
    private final Object key = new Object();
    private final LongAdder adder = new LongAdder();
    private final dev.llmretry.internal.health.EndpointHealth health =
            new dev.llmretry.internal.health.EndpointHealth(java.time.Duration.ofSeconds(60));
    private final dev.llmretry.internal.breaker.CircuitBreaker breaker = new dev.llmretry.internal.breaker.CircuitBreaker(
            "parts", dev.llmretry.internal.config.BreakerSettings.defaults(), dev.llmretry.time.TimeSource::system,
            (b, from, to, at, caller) -> null);
    private final long now = System.nanoTime();
    private final ThreadLocal<java.util.concurrent.atomic.AtomicLongArray> slot =
            ThreadLocal.withInitial(() -> new java.util.concurrent.atomic.AtomicLongArray(5));

    /** Fills the map with one entry per key, as the plan cache holds one per protected method. */
    @Setup
    public void setUp() {
        for (int i = 0; i < 16; i++) map.put(new Object(), i);
        map.put(key, "plan");
    }

    /** One {@link System#nanoTime()}. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** One lookup keyed by an object with an identity hash code. */
    @Benchmark
    public Object identityMapGet() {
        return map.get(key);
    }

    /** One {@link LongAdder#increment()} on a shared adder. */
    @Benchmark
    public void longAdderIncrement() {
        adder.increment();
    }

    /** One thread-local lookup (the deadline watch finds its thread's slot this way). */
    @Benchmark
    public Object threadLocalGet() {
        return slot.get();
    }

    /** Arming and disarming a slot as the deadline watch does: the lookup, two reads and five ordered writes. */
    @Benchmark
    public Object armAndDisarm() {
        java.util.concurrent.atomic.AtomicLongArray s = slot.get();
        if (s.get(0) != 0 || s.get(2) != 0) throw new IllegalStateException();
        s.lazySet(4, 0);
        s.lazySet(3, 42);
        s.lazySet(1, 4242);
        s.lazySet(0, 1);
        if (s.get(0) == 1) s.lazySet(0, 0);
        return s;
    }

    /** A success recorded in an endpoint's health window (one striped counter in the current bucket). */
    @Benchmark
    public void healthSuccess() {
        health.recordSuccess(now);
    }

    /** A closed breaker's permit and its success: the admission count (one striped counter) and the state's check. */
    @Benchmark
    public Object breakerAdmitAndSucceed() {
        dev.llmretry.internal.breaker.BreakerState permit = breaker.tryAcquire();
        breaker.onSuccess(permit);
        return permit;
    }

    /** Each thread's own counter: what a locked increment costs when nothing is shared. */
    @State(Scope.Thread)
    public static class Own {
        final LongAdder adder = new LongAdder();
        final java.util.concurrent.atomic.AtomicLong atomic = new java.util.concurrent.atomic.AtomicLong();
        long plain;
    }

    /** One {@link LongAdder#increment()} on this thread's own adder. */
    @Benchmark
    public void ownLongAdderIncrement(Own own) {
        own.adder.increment();
    }

    /** One locked increment ({@code AtomicLong.incrementAndGet}) of this thread's own counter. */
    @Benchmark
    public long ownAtomicIncrement(Own own) {
        return own.atomic.incrementAndGet();
    }

    /** An ordered write of this thread's own counter, as a counter only its thread writes could use. */
    @Benchmark
    public void ownOrderedWrite(Own own) {
        own.plain++;
    }
}
