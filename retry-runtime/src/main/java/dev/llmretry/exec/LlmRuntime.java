package dev.llmretry.exec;

import dev.llmretry.breaker.CircuitBreaker;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.classify.Classifiers;
import dev.llmretry.classify.LlmFailureClassifier;
import dev.llmretry.config.BreakerSettings;
import dev.llmretry.config.ConfigLoader;
import dev.llmretry.config.EndpointSettings;
import dev.llmretry.config.LlmRetryConfig;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.Listeners;
import dev.llmretry.failover.ConfiguredEndpoint;
import dev.llmretry.health.EndpointHealth;
import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;
import dev.llmretry.health.HealthReports;
import dev.llmretry.health.HealthStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide state behind the advice: the configuration, the injected time and randomness, listeners, the
 * endpoint and breaker registry, and the per-method plans. {@code LlmResilience} is its public face; the test
 * harness uses {@link #installTimeAndRandom} and {@link #resetState}. Thread-safe.
 *
 * <pre>{@code
 * LlmRuntime rt = LlmRuntime.get();
 * rt.installTimeAndRandom(new VirtualClock(), RandomSource.seeded(1));   // what the test harness does
 * MethodPlan plan = rt.plans().of(method);
 * }</pre>
 */
public final class LlmRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(LlmRuntime.class);
    private static final LlmRuntime INSTANCE = new LlmRuntime();

    private final Object configLock = new Object();
    private final ConcurrentHashMap<String, Target> endpointTargets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Target> namedTargets = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private final Plans plans = new Plans(this);
    private final Listeners listeners = Listeners.withDefaults(LlmRuntime.class.getClassLoader());
    private volatile LlmRetryConfig config;
    private volatile RuntimeException configError;
    private volatile Redactor redactor = Redactor.none();
    private volatile TimeSource time = TimeSource.system();
    private volatile RandomSource random = RandomSource.threadLocal();
    private volatile List<LlmFailureClassifier> userClassifiers;
    private volatile FaultInjector faultInjector;
    private volatile Map<String, Instant> persistedOpen = new ConcurrentHashMap<>();
    private volatile Path healthFile;
    private final Supplier<TimeSource> timeSupplier = () -> time;

    private LlmRuntime() {
    }

    public static LlmRuntime get() { return INSTANCE; }

    public Plans plans() { return plans; }

    public Listeners listeners() { return listeners; }

    public TimeSource time() { return time; }

    public RandomSource random() { return random; }

    public Redactor redactor() { config(); return redactor; }

    long nextCallId() { return callIds.incrementAndGet(); }

    /**
     * The configuration, loaded on first use. While the first load has failed (and no {@link #reload()} has
     * succeeded since), throws that load's error: every protected call then fails with a message saying what to fix.
     */
    public LlmRetryConfig config() {
        LlmRetryConfig c = config;
        if (c != null) return c;
        synchronized (configLock) {
            if (configError != null) throw configError; // until reload() succeeds: no re-reading on every call
            if (config == null) {
                try {
                    apply(ConfigLoader.load());
                } catch (RuntimeException e) {
                    configError = e;
                    throw e;
                }
            }
            return config;
        }
    }

    /** Re-reads retry.yaml. A broken file keeps the last good configuration and is rethrown, saying why. */
    public LlmRetryConfig reload() {
        synchronized (configLock) {
            LlmRetryConfig fresh;
            try {
                fresh = ConfigLoader.load();
            } catch (RuntimeException e) {
                LOG.error("retry.yaml was not reloaded, the previous configuration stays in force: {}", e.getMessage());
                throw e;
            }
            apply(fresh);
            return fresh;
        }
    }

    /** Uses {@code newConfig} from now on (tests, and embedders that build the configuration themselves). */
    public void useConfig(LlmRetryConfig newConfig) {
        synchronized (configLock) {
            apply(newConfig);
        }
    }

    private void apply(LlmRetryConfig fresh) {
        List<String> secrets = new ArrayList<>();
        for (EndpointSettings e : fresh.endpoints().values()) {
            secrets.add(e.apiKey());
            if (e.proxy() != null) secrets.add(e.proxy().password());
        }
        redactor = new Redactor(secrets);
        Path file = fresh.health().file();
        if (file != null && !file.equals(healthFile)) persistedOpen = new ConcurrentHashMap<>(HealthStore.openCircuits(file));
        healthFile = file;
        config = fresh;
        configError = null;
        endpointTargets.values().removeIf(t -> !fresh.endpoints().containsKey(t.name));
        endpointTargets.forEach((name, t) -> t.breaker.updateSettings(
                fresh.breakerPolicy(fresh.endpoints().get(name).circuitBreaker())));
        plans.clear();
    }

    /** The shared target of a configured endpoint, created on first use with its breaker and health. */
    Target endpointTarget(EndpointSettings settings) {
        Target t = endpointTargets.get(settings.name());
        if (t != null) return t;
        t = endpointTargets.computeIfAbsent(settings.name(), n -> new Target(n, ConfiguredEndpoint.of(settings),
                newBreaker(n, config().breakerPolicy(settings.circuitBreaker())), newHealth(), settings.priority()));
        restorePersisted(t);
        return t;
    }

    /** An endpoint whose circuit was open before a restart stays open until its recorded probe time (once). */
    private void restorePersisted(Target t) {
        Instant probeAt = persistedOpen.remove(t.name);
        if (probeAt == null || !probeAt.isAfter(time.now())) return;
        LOG.info("Circuit {} stays open until {}, as {} recorded before the restart", t.name, probeAt, healthFile);
        t.breaker.forceOpenUntil(time.nanoTime() + Duration.between(time.now(), probeAt).toNanos());
    }

    /** The shared target of a named breaker ({@code @LlmCircuitBreaker(name=...)}, or a method's own). */
    Target namedTarget(String name, BreakerSettings settings) {
        return namedTargets.computeIfAbsent(name, n -> new Target(n, ConfiguredEndpoint.implicit(n),
                newBreaker(n, settings), newHealth(), 0));
    }

    private EndpointHealth newHealth() {
        return new EndpointHealth(config().health().window());
    }

    private CircuitBreaker newBreaker(String name, BreakerSettings settings) {
        return new CircuitBreaker(name, settings, timeSupplier, this::circuitChanged);
    }

    /** Builds the event on the thread that caused the change (so it names that call); delivery comes later, in order. */
    private Runnable circuitChanged(CircuitBreaker b, CircuitState from, CircuitState to, Instant retryAt) {
        CircuitStateChanged event = new CircuitStateChanged(CallContext.currentCallId(), CallContext.currentMethod(),
                time.now(), b.name(), from, to, retryAt);
        Path file = healthFile;
        return () -> {
            listeners.emit(event);
            if (file != null) HealthStore.save(file, healthReport());
        };
    }

    /** The health of every configured endpoint and named breaker right now. */
    public HealthReport healthReport() {
        long now = time.nanoTime();
        Map<String, EndpointStatus> out = new LinkedHashMap<>();
        for (TargetView t : targets()) out.put(t.name(), HealthReports.status(t.name(), t.breaker(), t.health(), now));
        return new HealthReport(out);
    }

    /** Every endpoint configured in retry.yaml (created if not used yet) and every named breaker, in that order. */
    public List<TargetView> targets() {
        List<TargetView> out = new ArrayList<>();
        LlmRetryConfig c = config();
        for (EndpointSettings e : c.endpoints().values()) out.add(new TargetView(endpointTarget(e)));
        for (Target t : namedTargets.values()) out.add(new TargetView(t));
        return out;
    }

    /** The classifiers users registered through {@link java.util.ServiceLoader}, loaded once. */
    List<LlmFailureClassifier> userClassifiers() {
        List<LlmFailureClassifier> u = userClassifiers;
        if (u == null) {
            u = Classifiers.loadUserClassifiers(Thread.currentThread().getContextClassLoader());
            userClassifiers = u;
        }
        return u;
    }

    /** For the test harness: replaces the clock/scheduler and the random source, and forgets all plans. */
    public void installTimeAndRandom(TimeSource newTime, RandomSource newRandom) {
        this.time = newTime;
        this.random = newRandom;
        plans.clear();
    }

    /**
     * For the test harness: the fault injector every plan built from now on calls before each attempt (or null for
     * none). Returns the one it replaces, so a caller can put it back.
     */
    public FaultInjector installFaultInjector(FaultInjector injector) {
        FaultInjector previous = faultInjector;
        this.faultInjector = injector;
        plans.clear();
        return previous;
    }

    FaultInjector faultInjector() { return faultInjector; }

    /**
     * Ends the library's threads: the scheduler and worker threads of async retries and timeouts (pending retries are
     * dropped, running bodies interrupted) and the deadline watchdog of blocking calls. Idempotent. Configuration,
     * breakers and health stay; a call made afterwards starts the threads again. See {@code LlmResilience.shutdown()}.
     */
    public void shutdown() {
        SystemTimeSource.INSTANCE.shutdown();
        CallWatch.shutdown();
    }

    /** For the test harness: forgets every breaker, health counter and plan, and re-reads the configuration. */
    public void resetState() {
        synchronized (configLock) {
            endpointTargets.clear();
            namedTargets.clear();
            plans.clear();
            config = null;
            configError = null;
            userClassifiers = null;
            persistedOpen = new ConcurrentHashMap<>();
            healthFile = null;
        }
    }
}
