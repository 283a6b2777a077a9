package dev.llmretry.internal.exec;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;

/**
 * The plans of every protected method, resolved once (annotations + retry.yaml merged) and looked up by the join
 * point's static part, an identity key: one hash lookup per call, no reflection. Cleared when the configuration,
 * the clock or the state changes. Thread-safe.
 *
 * <p>A plan is built outside the map: building may wait for the configuration lock (a first call during start-up or a
 * reload), and {@link #clear()} runs under that lock, so building inside {@code computeIfAbsent} deadlocked the two.
 * Clearing swaps in a fresh map: a plan still being built from the previous configuration lands in the dropped map,
 * serves its own call and is never cached. Two threads racing on a first call may both build; one plan wins.
 *
 * <pre>{@code
 * MethodPlan plan = LlmRuntime.get().plans().of(thisJoinPointStaticPart);
 * }</pre>
 */
public final class Plans {
    private final LlmRuntime runtime;
    private volatile ConcurrentHashMap<Object, MethodPlan> byJoinPoint = new ConcurrentHashMap<>();

    Plans(LlmRuntime runtime) {
        this.runtime = runtime;
    }

    /** The plan of the method executing at {@code joinPoint}. */
    public MethodPlan of(JoinPoint.StaticPart joinPoint) {
        MethodPlan p = byJoinPoint.get(joinPoint);
        return p != null ? p : build(joinPoint, CallSpec.of(CallSpec.method(joinPoint)));
    }

    /** The plan of {@code method}, built directly (benchmarks, simulations and tests that drive the executor). */
    public MethodPlan of(Method method) {
        MethodPlan p = byJoinPoint.get(method);
        return p != null ? p : build(method, CallSpec.of(method));
    }

    /** The plan of an {@code LlmCall} (or any caller that states its spec directly); equal specs share one plan. */
    public MethodPlan of(CallSpec spec) {
        MethodPlan p = byJoinPoint.get(spec);
        return p != null ? p : build(spec, spec);
    }

    /** Builds without holding any lock of the map; caches the plan only in the map it was started for. */
    private MethodPlan build(Object key, CallSpec spec) {
        try {
            runtime.config(); // a first load clears the plans: take the map afterwards, or this plan is never cached
        } catch (RuntimeException e) {
            // the plan built below is a broken plan that says why
        }
        ConcurrentHashMap<Object, MethodPlan> generation = byJoinPoint;
        MethodPlan built = PlanFactory.create(spec, runtime);
        MethodPlan raced = generation.putIfAbsent(key, built);
        return raced != null ? raced : built;
    }

    /** Forgets every plan; a plan being built meanwhile is not cached. Takes no lock. */
    void clear() {
        byJoinPoint = new ConcurrentHashMap<>();
    }

    /**
     * Identifies the plans in force: a new object after every {@link #clear()} (a reload, a reset, a new clock), so a
     * caller that remembers a plan with it knows when to look the plan up again.
     */
    public Object generation() {
        return byJoinPoint;
    }

    /** Plans currently cached (bounded by the number of protected methods). */
    public int size() {
        return byJoinPoint.size();
    }
}
