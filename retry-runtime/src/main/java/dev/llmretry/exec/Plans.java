package dev.llmretry.exec;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * The plans of every protected method, resolved once (annotations + retry.yaml merged) and looked up by the join
 * point's static part, an identity key: one hash lookup per call, no reflection. Cleared when the configuration,
 * the clock or the state changes. Thread-safe.
 *
 * <pre>{@code
 * MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
 * }</pre>
 */
public final class Plans {
    private final LlmRuntime runtime;
    private final ConcurrentHashMap<Object, MethodPlan> byJoinPoint = new ConcurrentHashMap<>();

    Plans(LlmRuntime runtime) {
        this.runtime = runtime;
    }

    /** The plan of the method executing at {@code joinPoint}. */
    public MethodPlan of(JoinPoint.StaticPart joinPoint) {
        MethodPlan p = byJoinPoint.get(joinPoint);
        return p != null ? p : byJoinPoint.computeIfAbsent(joinPoint, this::create);
    }

    /** The plan of {@code method}, built directly (benchmarks, simulations and tests that drive the executor). */
    public MethodPlan of(Method method) {
        return byJoinPoint.computeIfAbsent(method, k -> PlanFactory.create(method, runtime));
    }

    private MethodPlan create(Object key) {
        Method m = ((MethodSignature) ((JoinPoint.StaticPart) key).getSignature()).getMethod();
        return PlanFactory.create(m, runtime);
    }

    void clear() {
        byJoinPoint.clear();
    }

    /** Plans currently cached (bounded by the number of protected methods). */
    public int size() {
        return byJoinPoint.size();
    }
}
