package dev.llmretry.testing;

import dev.llmretry.internal.exec.FaultInjector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Faults injected into protected calls before the real body runs, scripted per endpoint or per method. A fault
 * fails the attempt exactly as the body would have, so retries, failover, breakers and events behave as in
 * production. When a method's script and an endpoint's script both have a fault left, the method's fires.
 * Injected by {@code @LlmRetryTest} as a test or {@code @BeforeEach} parameter.
 *
 * <pre>{@code
 * faults.on("iag").fail(504).times(3);                      // endpoint name from retry.yaml
 * faults.on("oneapi").rateLimited(Duration.ofSeconds(2)).then().fail(503);
 * faults.onMethod("com.acme.ChatService#ask").timeout();   // a method without @Failover
 * }</pre>
 *
 * <p>Strict by default: a declared step that never fired fails the test (see {@link FaultStep#lenient()}).
 * Thread-safe.
 */
public final class Faults {
    private final Object lock = new Object();
    private final Map<String, FaultScript> byEndpoint = new LinkedHashMap<>();
    private final Map<String, FaultScript> byMethod = new LinkedHashMap<>();
    private final VirtualClock clock;
    private final RecordedEvents events;

    Faults(VirtualClock clock, RecordedEvents events) {
        this.clock = clock;
        this.events = events;
    }

    /**
     * The script of an endpoint: its name in retry.yaml (for a method without {@code @Failover}: its breaker name,
     * or {@code "SimpleClassName#method"}).
     */
    public FaultScript on(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        synchronized (lock) {
            return byEndpoint.computeIfAbsent(endpoint, e -> new FaultScript("endpoint '" + e + "'", lock));
        }
    }

    /** The script of a method, {@code "com.acme.ChatService#ask"} (every overload). */
    public FaultScript onMethod(String methodId) {
        Objects.requireNonNull(methodId, "methodId");
        if (!methodId.contains("#")) {
            throw new IllegalArgumentException("onMethod(\"" + methodId + "\"): expected \"fully.qualified.Class#method\"");
        }
        synchronized (lock) {
            return byMethod.computeIfAbsent(methodId, m -> new FaultScript("method '" + m + "'", lock));
        }
    }

    /** The script of {@code type}'s method {@code method} (every overload); the method must exist. */
    public FaultScript onMethod(Class<?> type, String method) {
        boolean exists = Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(method));
        if (!exists) {
            throw new IllegalArgumentException(type.getName() + " declares no method '" + method + "'; it declares "
                    + Arrays.stream(type.getDeclaredMethods()).map(Method::getName).filter(n -> !n.contains("$"))
                    .distinct().sorted().toList());
        }
        return onMethod(type.getName() + "#" + method);
    }

    /** Steps that would fail the test if it ended now, one line each; empty when every step fired. */
    public List<String> unfired() {
        return unfired(true);
    }

    List<String> unfired(boolean strict) {
        List<String> out = new ArrayList<>();
        synchronized (lock) {
            byMethod.values().forEach(s -> s.unused(strict, out));
            byEndpoint.values().forEach(s -> s.unused(strict, out));
        }
        return out;
    }

    /** The hook installed into the runtime: records the attempt, then fires the fault due, if any. */
    FaultInjector injector() {
        return this::beforeAttempt;
    }

    private void beforeAttempt(String method, String endpoint) throws Throwable {
        events.attempt(method, endpoint);
        Fault fault;
        synchronized (lock) {
            FaultScript script = byMethod.get(method);
            if (script == null || !script.pending()) script = byEndpoint.get(endpoint);
            fault = script == null ? null : script.next();
        }
        if (fault == null) return;
        try {
            fault.fire(clock);
        } catch (Exception e) {
            throw DeclaredExceptions.check(method, e, fault.description());
        }
    }
}
