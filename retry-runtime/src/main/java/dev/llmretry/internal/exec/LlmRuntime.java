package dev.llmretry.internal.exec;

import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;

import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.breaker.RecentOutcomes;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.classify.Classifiers;
import dev.llmretry.classify.LlmFailureClassifier;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.EndpointSettings;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.config.UrlSecrets;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.internal.event.Listeners;
import dev.llmretry.internal.endpoint.ConfiguredEndpoint;
import dev.llmretry.internal.health.EndpointHealth;
import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;
import dev.llmretry.internal.health.HealthReports;
import dev.llmretry.internal.health.HealthStore;
import dev.llmretry.internal.health.HealthWriter;
import dev.llmretry.internal.store.FleetBridge;
import dev.llmretry.store.Outcomes;
import dev.llmretry.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    private static final LlmRuntime INSTANCE = new LlmRuntime(ConfigLoader::load);

    /** The name of the health entry that reports a configuration that cannot be used. */
    public static final String CONFIGURATION_ENTRY = "configuration";

    private final Object configLock = new Object();
    private final Object reloadLock = new Object();
    private final ConcurrentHashMap<String, Target> endpointTargets = new ConcurrentHashMap<>();
    private final Object targetCreation = new Object();
    private final ConcurrentHashMap<String, Target> namedTargets = new ConcurrentHashMap<>();
    /** Named breakers whose settings the next plan built after a reload replaces. */
    private final Set<String> staleNamed = ConcurrentHashMap.newKeySet();
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
    private volatile HealthWriter healthWriter;
    private final Supplier<TimeSource> timeSupplier = () -> time;
    /** The store that shares endpoint circuits with a fleet ({@code health.store}); local unless configured. */
    private final FleetBridge fleet = new FleetBridge(this::sharedBreaker, this::localOutcomes, this::endpointNames,
            () -> time.now(), () -> time.nanoTime(), () -> { LlmRetryConfig c = config; return c == null ? 60_000 : c.health().window().toMillis(); });
    private final Supplier<LlmRetryConfig> defaultLoader;
    private volatile Supplier<LlmRetryConfig> loader;

    /** A runtime reading its configuration from {@code loader} (the process-wide one: {@link ConfigLoader#load()}). */
    LlmRuntime(Supplier<LlmRetryConfig> loader) {
        this.loader = loader;
        this.defaultLoader = loader;
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
        NotWovenWarning.checkOnce(); // once per process, before the first load: warns about unwoven annotated classes
        synchronized (configLock) {
            if (configError != null) throw configError; // until reload() succeeds: no re-reading on every call
            if (config == null) {
                try {
                    apply(loader.get());
                } catch (RuntimeException e) {
                    configError = e;
                    throw e;
                }
            }
            return config;
        }
    }

    /**
     * Re-reads retry.yaml. A broken file keeps the last good configuration and is rethrown, saying why. The file is
     * read outside the configuration lock (reloads are serialized by their own lock), and nothing that waits for
     * a plan being built runs under it: a reload during first calls never deadlocks.
     */
    public LlmRetryConfig reload() {
        synchronized (reloadLock) {
            LlmRetryConfig fresh;
            try {
                fresh = loader.get();
            } catch (RuntimeException e) {
                LOG.error("retry.yaml was not reloaded, the previous configuration stays in force: {}", e.getMessage());
                throw e;
            }
            synchronized (configLock) {
                apply(fresh);
            }
            return fresh;
        }
    }

    /**
     * Parses, checks and puts {@code yamlText} in force ({@code ${VAR}}s from the environment, then system
     * properties); {@link #reload()} parses the same text again. A broken text changes nothing and is thrown.
     */
    public LlmRetryConfig useConfig(String sourceName, String yamlText) {
        java.util.function.Function<String, String> variables = ConfigLoader.variables(System::getenv,
                System::getProperty);
        Supplier<LlmRetryConfig> source = () -> ConfigLoader.parse(sourceName, yamlText, variables);
        synchronized (reloadLock) {
            LlmRetryConfig fresh = source.get();
            synchronized (configLock) {
                apply(fresh);
                loader = source;
            }
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
        StoreSettings store = StoreSettings.of(fresh.health().store(), fresh.health().redisUri());
        fleet.use(store, LlmRuntime.class.getClassLoader()); // first: a missing store module changes nothing
        List<String> secrets = new ArrayList<>(StoreSettings.secretsOf(store.uri()));
        for (EndpointSettings e : fresh.endpoints().values()) {
            secrets.add(e.apiKey());
            secrets.addAll(UrlSecrets.values(e.url()));
            if (e.proxy() != null) secrets.add(e.proxy().password());
        }
        redactor = new Redactor(secrets);
        if (this == INSTANCE) Redactor.install(redactor);
        Path file = fresh.health().file();
        if (!java.util.Objects.equals(file, healthFile)) {
            closeHealthWriter();
            if (file != null) {
                persistedOpen = new ConcurrentHashMap<>(HealthStore.openCircuits(file));
                healthWriter = new HealthWriter(file, this::healthReport, () -> time.now(), persistedOpen);
            }
        }
        healthFile = file;
        config = fresh;
        configError = null;
        endpointTargets.values().removeIf(t -> !fresh.endpoints().containsKey(t.name));
        for (EndpointSettings e : fresh.endpoints().values()) refresh(e, fresh);
        staleNamed.addAll(namedTargets.keySet());
        plans.clear();
    }

    /**
     * Brings an existing endpoint target up to date with {@code s} (a reload): a new endpoint (url, api-key, model,
     * proxy) and priority around the same breaker and health, so their state survives; the breaker gets the new
     * thresholds. The map's computation only constructs objects. Returns the target in force (null if none yet).
     */
    private Target refresh(EndpointSettings s, LlmRetryConfig c) {
        BreakerSettings breaker = c.breakerPolicy(s.circuitBreaker());
        Target t = endpointTargets.computeIfPresent(s.name(), (n, old) -> old.endpoint.madeFrom(s) ? old
                : new Target(n, ConfiguredEndpoint.of(s), old.breaker, old.health, s.priority()));
        if (t != null) t.breaker.reconfigure(breaker);
        return t;
    }

    /**
     * The shared target of a configured endpoint, created on first use with its breaker and health, from the settings
     * in force, and with the open circuit a restart recorded restored before anyone can see it. Whatever may wait for
     * the configuration lock is read before; a target created from a configuration that a reload replaced meanwhile is
     * refreshed.
     */
    Target endpointTarget(EndpointSettings requested) {
        String name = requested.name();
        Target t = endpointTargets.get(name);
        if (t != null) return t;
        LlmRetryConfig c = config();
        EndpointSettings s = c.endpoints().getOrDefault(name, requested);
        BreakerSettings breaker = c.breakerPolicy(s.circuitBreaker());
        Duration window = c.health().window();
        synchronized (targetCreation) {
            t = endpointTargets.get(name);
            if (t == null) {
                // published only once restored: a reader (a call, the health writer) never sees an endpoint that a
                // restart recorded open as closed (SharedHealthFileTest caught the window under load)
                t = newTarget(name, ConfiguredEndpoint.of(s), breaker, window, s.priority());
                restorePersisted(t);
                endpointTargets.put(name, t);
            }
        }
        if (config != c) {
            synchronized (configLock) {
                LlmRetryConfig now = config;
                EndpointSettings current = now == null ? null : now.endpoints().get(name);
                Target refreshed = current == null ? null : refresh(current, now);
                if (refreshed != null) t = refreshed;
            }
        }
        return t;
    }

    /**
     * An endpoint whose circuit was open before a restart stays open until its recorded probe time (once), but never
     * longer than its recovery-time from now: a probe time far ahead (a broken or hand-edited file) is clamped.
     */
    private void restorePersisted(Target t) {
        Instant probeAt = persistedOpen.remove(t.name);
        Instant now = time.now();
        if (probeAt == null || !probeAt.isAfter(now)) return;
        Duration recovery = t.breaker.settings().recoveryTime();
        Duration open = Duration.between(now, probeAt); // both within Instant's range: no overflow in seconds
        if (open.compareTo(recovery) > 0) {
            LOG.warn("Circuit {}: next_probe_at {} in {} is more than its recovery-time ({}) ahead; it stays open for {}",
                    t.name, probeAt, healthFile, recovery, recovery);
            open = recovery;
        } else {
            LOG.info("Circuit {} stays open until {}, as {} recorded before the restart", t.name, probeAt, healthFile);
        }
        t.breaker.forceOpenUntil(time.nanoTime() + open.toNanos());
    }

    /**
     * The shared target of a named breaker ({@code @LlmCircuitBreaker(name=...)}, or a method's own). The first plan
     * built after a reload from the configuration in force ({@code builtFrom}) gives the breaker its settings, as the
     * first plan did at start-up; its state survives.
     */
    Target namedTarget(String name, BreakerSettings settings, LlmRetryConfig builtFrom) {
        Target t = namedTargets.get(name);
        if (t == null) {
            Duration window = builtFrom.health().window();
            t = namedTargets.computeIfAbsent(name, n -> newTarget(n, ConfiguredEndpoint.implicit(n), settings, window, 0));
            if (config != builtFrom) staleNamed.add(name); // created from a replaced configuration: the next plan fixes it
        }
        if (!staleNamed.isEmpty() && staleNamed.contains(name)) {
            synchronized (configLock) { // outside any map computation; rare: once per breaker and reload
                if (config == builtFrom && staleNamed.remove(name)) t.breaker.reconfigure(settings);
            }
        }
        return t;
    }

    /** A target whose breaker weighs the target's own health window before isolating it. Only constructs objects. */
    private Target newTarget(String name, ConfiguredEndpoint endpoint, BreakerSettings settings, Duration window,
                             int priority) {
        EndpointHealth health = new EndpointHealth(window);
        CircuitBreaker breaker = new CircuitBreaker(name, settings, timeSupplier, this::circuitChanged, fleet.recent(name,
                RecentOutcomes.of(health::successRate, health::windowRequests, health::totalRequests, window)));
        breaker.trialGate(() -> fleet.mayProbe(name));
        breaker.streakListener(fleet.streak(name));
        return new Target(name, endpoint, breaker, health, priority);
    }

    /** Builds the event on the thread that caused the change (so it names that call); delivery comes later, in order. */
    private Runnable circuitChanged(CircuitBreaker b, CircuitState from, CircuitState to, Instant retryAt,
                                    CircuitBreaker.Caller caller) {
        CircuitStateChanged event = new CircuitStateChanged(caller == null ? 0 : caller.callId(),
                caller == null ? "" : caller.method(),
                time.now(), b.name(), from, to, retryAt);
        HealthWriter writer = healthWriter;
        Runnable shared = fleet.changed(b, to, retryAt);
        return () -> {
            listeners.emit(event);
            if (writer != null) writer.changed(); // written later, on the writer's thread
            if (shared != null) shared.run(); // queued for the store's thread
        };
    }

    /** The breaker of configured endpoint {@code name} (created if not used yet), or null: for the fleet's store. */
    private CircuitBreaker sharedBreaker(String name) {
        LlmRetryConfig c = config;
        EndpointSettings s = c == null ? null : c.endpoints().get(name);
        return s == null ? null : endpointTarget(s).breaker;
    }

    /** This instance's requests and failures to endpoint {@code name} over the health window (the store shares them). */
    private Outcomes localOutcomes(String name) {
        Target t = endpointTargets.get(name);
        if (t == null) return Outcomes.NONE;
        long now = time.nanoTime();
        long requests = t.health.windowRequests(now);
        return requests == 0 ? Outcomes.NONE : new Outcomes(requests, Math.round((1 - t.health.successRate(now)) * requests));
    }

    private Set<String> endpointNames() {
        LlmRetryConfig c = config;
        return c == null ? Set.of() : c.endpoints().keySet();
    }

    /**
     * Writes the latest health to {@code health.file} now and waits at most {@code timeout} for it; true when it is
     * written (or there is no file). Tests, and shutdown before {@link #closeHealthWriter()}.
     */
    public boolean flushHealth(Duration timeout) {
        HealthWriter writer = healthWriter;
        if (writer == null) return true;
        try {
            return writer.flush(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes the latest health to {@code health.file} (waiting at most 2 s) and stops its writer thread: later changes
     * are not written, until a reload or {@link #useConfig} names a health file again. For shutdown. Idempotent.
     */
    public void closeHealthWriter() {
        HealthWriter writer = healthWriter;
        healthWriter = null;
        healthFile = null;
        if (writer != null) writer.close();
    }

    /**
     * The health of every configured endpoint and named breaker right now. While no configuration is in force (the
     * first load failed and no reload has succeeded), an entry {@value #CONFIGURATION_ENTRY} with state
     * {@code config_error} and the error (one line, secrets masked) as {@code last_error} comes first, instead of
     * throwing: a health endpoint built on it keeps answering and says why.
     */
    public HealthReport healthReport() {
        long now = time.nanoTime();
        Map<String, EndpointStatus> out = new LinkedHashMap<>();
        List<TargetView> targets;
        try {
            targets = targets();
        } catch (RuntimeException e) {
            out.put(CONFIGURATION_ENTRY, configurationError(e));
            targets = namedTargets.values().stream().map(TargetView::new).toList();
        }
        for (TargetView t : targets) out.put(t.name(), HealthReports.status(t.name(), t.breaker(), t.health(), now));
        return new HealthReport(out);
    }

    /** The health entry that stands for a configuration that cannot be used. */
    private EndpointStatus configurationError(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String oneLine = Redactor.none().mask(message.strip().replaceAll("\\s*\\n\\s*", "; "));
        return new EndpointStatus(CONFIGURATION_ENTRY, dev.llmretry.health.HealthState.CONFIG_ERROR, 0.0, 0, 0, oneLine, time.now(), null);
    }

    /**
     * Checks, now, what would otherwise fail at each method's first call: the configuration in force (loading it if
     * needed) and the plan of every protected method of {@code services} (annotation attributes, {@code methods:}
     * overrides, endpoint names). Caches nothing.
     *
     * @return the configuration in force
     * @throws LlmRetryConfigException listing every problem found: the file's own, or one per broken method
     */
    public LlmRetryConfig validate(Class<?>... services) {
        LlmRetryConfig c = config();
        List<ConfigProblem> problems = PlanFactory.problems(services, this);
        if (!problems.isEmpty()) throw new LlmRetryConfigException(c.source() + " with the annotations", problems);
        return c;
    }

    /** Every endpoint configured in retry.yaml (created if not used yet) and every named breaker, in that order. */
    /** Builds the plan of {@code spec} once, caching nothing; throws, saying what to fix, when it cannot be built. */
    public void checkPlan(CallSpec spec) {
        PlanFactory.build(spec, this);
    }

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

    /**
     * The one supported way for tests, the harness, the reliability suites and the benchmarks to run the runtime on
     * their own terms: forgets all state, installs {@code time}, {@code random} and (unless null) {@code config};
     * closing removes any fault injector, restores the time and randomness in force before, forgets all state again
     * and clears an interrupt a timed-out attempt may have left on the closing thread. One installation at a time.
     *
     * <pre>{@code
     * try (LlmRuntime.Installation run = LlmRuntime.get().install(clock, RandomSource.seeded(7), config)) {
     *     run.faults(injector);
     *     ... // calls on virtual time
     * }
     * }</pre>
     */
    public Installation install(TimeSource newTime, RandomSource newRandom, LlmRetryConfig newConfig) {
        Installation installation = new Installation(time, random);
        resetState();
        if (newConfig != null) useConfig(newConfig);
        installTimeAndRandom(newTime, newRandom);
        return installation;
    }

    /** What {@link #install} put in force; {@link #close()} undoes it. */
    public final class Installation implements AutoCloseable {
        private final TimeSource previousTime;
        private final RandomSource previousRandom;
        private boolean closed;

        private Installation(TimeSource previousTime, RandomSource previousRandom) {
            this.previousTime = previousTime;
            this.previousRandom = previousRandom;
        }

        /** Injects faults before attempts (the harness); removed on close. */
        public Installation faults(FaultInjector injector) {
            installFaultInjector(injector);
            return this;
        }

        /** Restores the time and randomness in force before and forgets all state. Idempotent. */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            installFaultInjector(null);
            installTimeAndRandom(previousTime, previousRandom);
            resetState();
            Thread.interrupted(); // an attempt-timeout interrupt must not leak into what runs next
        }
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
     * Ends the library's threads: the scheduler and worker threads of async retries and timeouts (a call waiting for
     * its next attempt ends with its last failure, a {@code RejectedExecutionException} attached; running bodies are
     * interrupted), the deadline watchdog of blocking calls, and the health file's writer
     * (after writing the latest state: circuits open now are still open after a restart). Idempotent. Configuration,
     * breakers and health stay; a call made afterwards starts the threads again, and the health file is written
     * again after the next {@code reload()}. See {@code LlmResilience.shutdown()}.
     */
    public void shutdown() {
        closeHealthWriter();
        fleet.close();
        SystemTimeSource.INSTANCE.shutdown();
        WaitingCalls.shutDownAll(); // their retry tasks were just dropped: end them with their last failure
        CallWatch.shutdown();
    }

    /** For the test harness: forgets every breaker, health counter and plan, and re-reads the configuration. */
    public void resetState() {
        synchronized (configLock) {
            closeHealthWriter(); // first: its last write is of the state being forgotten
            fleet.close();
            endpointTargets.clear();
            namedTargets.clear();
            staleNamed.clear();
            plans.clear();
            config = null;
            configError = null;
            loader = defaultLoader;
            userClassifiers = null;
            persistedOpen = new ConcurrentHashMap<>();
            healthFile = null;
        }
    }
}
