package dev.llmretry.benchmarks.jmh;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.internal.exec.MethodPlan;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Where the full stack's happy path ({@code @LlmRetry @LlmCircuitBreaker @Failover}, {@link BenchService#callFull})
 * spends its nanoseconds: each step of the woven loop through the woven ABI, on the plan the woven method uses, on
 * the system clock. The steps add up to about the whole call ({@link #full}); what is left is the plan lookup by join
 * point and the loop itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBench {
    private BenchService svc;
    private MethodPlan plan;

    /** The woven method's plan, built once. */
    @Setup
    public void setUp() throws NoSuchMethodException {
        svc = new BenchService();
        if (svc.callFull(null, "q") == null) throw new IllegalStateException("not woven");
        plan = LlmRuntime.get().plans().of(BenchService.class.getMethod("callFull", Endpoint.class, String.class));
    }

    /** The whole woven call. */
    @Benchmark
    public String full() {
        return svc.callFull(null, "hello");
    }

    /** The call's start: the watchdog's call clock (one memory read while calls run). */
    @Benchmark
    public long start() {
        return plan.start();
    }

    /** The call-start event check (no listener wants it here). */
    @Benchmark
    public long started() {
        return plan.started();
    }

    /** The call's start, the first target's permit and its success: the breaker's admission count and the health counter. */
    @Benchmark
    public Object enterAndSucceed() {
        Object permit = plan.enter(0);
        plan.succeeded(null, permit, plan.start(), 0);
        return permit;
    }

    /** The call's start, then arming and disarming the deadline watch on this thread's slot. */
    @Benchmark
    public Object watch() {
        AtomicLongArray w = plan.watch(plan.start());
        plan.unwatch(w);
        return w;
    }

    /** {@link #enterAndSucceed} plus the steps around the body: fault injection (off), the endpoint, the late-result check. */
    @Benchmark
    public Object attempt() {
        Object permit = plan.enter(0);
        plan.inject(permit);
        Endpoint e = plan.endpoint(permit);
        plan.ended(null, null, e);
        plan.succeeded(null, permit, plan.start(), 0);
        return e;
    }
}
