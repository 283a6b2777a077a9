package dev.llmretry.reliability;

import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.internal.exec.TargetView;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts attempt bodies in flight per half-open round: a body that starts while its endpoint's breaker is in a
 * half-open state is counted against that state object (one object per round) until it ends. The most ever seen
 * at once must not exceed {@code half-open-max-calls}. Reads the breaker's state reference reflectively (test only).
 */
final class HalfOpenGauge implements ChaosBackend.AttemptObserver {
    private final Map<String, AtomicReference<?>> states = new ConcurrentHashMap<>();
    private final Map<Object, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxSeen = new AtomicInteger();
    private final AtomicInteger trialBodies = new AtomicInteger();

    @Override
    public Object entered(String endpoint) {
        Object s = stateOf(endpoint).get();
        if (s == null || !s.getClass().getSimpleName().equals("HalfOpenState")) return null;
        trialBodies.incrementAndGet();
        int n = inFlight.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet();
        maxSeen.accumulateAndGet(n, Math::max);
        return s;
    }

    @Override
    public void left(Object token) {
        if (token != null) inFlight.get(token).decrementAndGet();
    }

    int maxConcurrentTrials() { return maxSeen.get(); }

    int trialBodies() { return trialBodies.get(); }

    private AtomicReference<?> stateOf(String endpoint) {
        return states.computeIfAbsent(endpoint, HalfOpenGauge::reflect);
    }

    private static AtomicReference<?> reflect(String endpoint) {
        for (TargetView t : LlmRuntime.get().targets()) {
            if (!t.name().equals(endpoint)) continue;
            try {
                Field f = CircuitBreaker.class.getDeclaredField("state");
                f.setAccessible(true);
                return (AtomicReference<?>) f.get(t.breaker());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no breaker for " + endpoint + ", " + CircuitState.CLOSED);
    }
}
