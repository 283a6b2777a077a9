package dev.llmretry.benchmarks.jmh;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.llmretry.internal.exec.LlmRuntime;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.retry.support.RetryTemplate;

/**
 * Happy-path cost of one call under each wrapper, same body, same run. Shapes follow perf-anchors.md: one shared
 * service and one shared set of policy objects ({@code Scope.Benchmark}), so at {@code -t 2} both threads use the same
 * breakers, as in real use. Nothing ever fails here: no exceptions, retries or open circuits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HappyPathBench {
    @Param("hello")
    public String q;

    private BenchService svc;
    private Function<String, String> resilience4j;
    private FailsafeExecutor<String> failsafe;
    private RetryTemplate springRetry;

    /** Builds every policy once, and warms llm-retry's plans so configuration loading is outside the measurement. */
    @Setup
    public void setUp() {
        svc = new BenchService();
        BenchService s = svc;
        resilience4j = Retry.decorateFunction(Retry.ofDefaults("bench"),
                CircuitBreaker.decorateFunction(CircuitBreaker.ofDefaults("bench"), s::call));
        failsafe = Failsafe.with(RetryPolicy.<String>ofDefaults(), dev.failsafe.CircuitBreaker.<String>ofDefaults());
        springRetry = new RetryTemplate();
        LlmRuntime.get().config();
        if (svc.callFull(null, q) == null || svc.callRetry(q) == null) throw new IllegalStateException("not woven");
    }

    /** (a) The body alone. */
    @Benchmark
    public String direct() {
        return svc.call(q);
    }

    /** (a') Annotation-style {@code @Around} that only proceeds: the usual AspectJ floor. */
    @Benchmark
    public String aspectjFloor() {
        return svc.callFloor(q);
    }

    /** (a'') Code-style around advice that only proceeds: the floor llm-retry's design pays. */
    @Benchmark
    public String codeStyleFloor() {
        return svc.callCodeFloor(q);
    }

    /** (b) {@code @LlmRetry}. */
    @Benchmark
    public String llmRetry() {
        return svc.callRetry(q);
    }

    /** (c) {@code @LlmRetry + @LlmCircuitBreaker + @Failover} over three endpoints. */
    @Benchmark
    public String llmRetryFull() {
        return svc.callFull(null, q);
    }

    /** (d) Resilience4j 2.4.0 Retry + CircuitBreaker (defaults), a Function so nothing is captured per call. */
    @Benchmark
    public String resilience4j() {
        return resilience4j.apply(q);
    }

    /** (e) Failsafe 3.3.2 RetryPolicy + CircuitBreaker (defaults); the lambda captures two references. */
    @Benchmark
    public String failsafe() {
        BenchService s = svc;
        String arg = q;
        return failsafe.get(() -> s.call(arg));
    }

    /** (f) Spring Retry 2.0.13 {@code RetryTemplate} (SimpleRetryPolicy(3), no back-off). */
    @Benchmark
    public String springRetry() {
        BenchService s = svc;
        String arg = q;
        return springRetry.execute(ctx -> s.call(arg));
    }
}
