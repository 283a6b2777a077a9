package dev.llmretry.internal.exec;

import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;

import dev.llmretry.classify.LlmFailureClassifier;
import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.health.HealthReport;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.classify.Classifiers;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.EndpointSettings;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.event.Listeners;
import dev.llmretry.internal.store.FleetBridge;
import dev.llmretry.store.Outcomes;
import dev.llmretry.store.StoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The process-wide state behind the advice, as a facade over its roles: the configuration in force
 * ({@link ConfigLifecycle}), the shared targets with their breakers and health ({@link TargetRegistry}, made by
 * {@link TargetFactory}), the health file ({@link HealthPersistence}) and the health report ({@link HealthReporter});
 * it holds itself what every call reads: the injected time and randomness, listeners, the per-method plans, the
 * redactor, call ids and the fault injector. {@code LlmResilience} is its public face; the woven code reaches it
 * through {@code MethodPlan.of}. Thread-safe.
 *
 * <p>Tests, the harness, the reliability suites and the benchmarks run it on their own terms in one way only,
 * {@link #install}, and undo that by closing the {@link Installation}.
 *
 * <pre>{@code
 * try (LlmRuntime.Installation run = LlmRuntime.get().install(new VirtualClock(), RandomSource.seeded(1), null)) {
 *     MethodPlan plan = LlmRuntime.get().plans().of(method);
 * }
 * }</pre>
 */
public final class LlmRuntime {
    private static final LlmRuntime INSTANCE = new LlmRuntime(ConfigLoader::load);

    private volatile Redactor redactor = Redactor.none();
    private volatile TimeSource time = TimeSource.system();
    private volatile RandomSource random = RandomSource.threadLocal();
    private volatile List<LlmFailureClassifier> userClassifiers;
    private volatile FaultInjector faultInjector;
    private final AtomicLong callIds = new AtomicLong();
    private final Plans plans = new Plans(this);
    private final Listeners listeners = Listeners.withDefaults(LlmRuntime.class.getClassLoader());
    private final Supplier<TimeSource> timeSupplier = () -> time;
    private final ConfigLifecycle lifecycle;
    private final HealthPersistence healthFile;
    /** The store that shares endpoint circuits with a fleet ({@code health.store}); local unless configured. */
    private final FleetBridge fleet;
    private final TargetRegistry targets;
    private final HealthReporter health;

    /** A runtime reading its configuration from {@code loader} (the process-wide one: {@link ConfigLoader#load()}). */
    LlmRuntime(Supplier<LlmRetryConfig> loader) {
        lifecycle = new ConfigLifecycle(loader, new ConfigLifecycle.Adoption() {
            @Override public void prepare(LlmRetryConfig fresh) { prepareFor(fresh); }

            @Override public void adopt(LlmRetryConfig fresh) { adopted(fresh); }
        });
        healthFile = new HealthPersistence(this::healthReport, timeSupplier);
        fleet = new FleetBridge(this::sharedBreaker, this::localOutcomes, lifecycle::endpointNames,
                () -> time.now(), () -> time.nanoTime(), this::windowMillis);
        TargetFactory factory = new TargetFactory(timeSupplier, fleet, listeners, healthFile);
        targets = new TargetRegistry(lifecycle, factory::create, healthFile::restore);
        health = new HealthReporter(targets, timeSupplier);
    }

    /** The breaker of configured endpoint {@code name} (created if not used yet), or null: for the fleet's store. */
    private CircuitBreaker sharedBreaker(String name) { return targets.breakerOf(name); }

    /** This instance's requests and failures to endpoint {@code name} over the health window (the store shares them). */
    private Outcomes localOutcomes(String name) { return targets.outcomes(name, () -> time.nanoTime()); }

    private long windowMillis() {
        LlmRetryConfig c = lifecycle.inForce();
        return c == null ? 60_000 : c.health().window().toMillis();
    }

    public static LlmRuntime get() { return INSTANCE; }

    public Plans plans() { return plans; }

    public Listeners listeners() { return listeners; }

    public TimeSource time() { return time; }

    public RandomSource random() { return random; }

    public Redactor redactor() { config(); return redactor; }

    long nextCallId() { return callIds.incrementAndGet(); }

    FaultInjector faultInjector() { return faultInjector; }

    /**
     * The configuration, loaded on first use. While the first load has failed (and no {@link #reload()} has
     * succeeded since), throws that load's error: every protected call then fails with a message saying what to fix.
     */
    public LlmRetryConfig config() { return lifecycle.current(); }

    /**
     * Re-reads retry.yaml. A broken file keeps the last good configuration and is rethrown, saying why. The file is
     * read outside the configuration lock, and nothing that waits for a plan being built runs under it: a reload
     * during first calls never deadlocks.
     */
    public LlmRetryConfig reload() { return lifecycle.reload(); }

    /**
     * Parses, checks and puts {@code yamlText} in force ({@code ${VAR}}s from the environment, then system
     * properties); {@link #reload()} parses the same text again. A broken text changes nothing and is thrown.
     */
    public LlmRetryConfig useConfig(String sourceName, String yamlText) { return lifecycle.use(sourceName, yamlText); }

    /** Uses {@code newConfig} from now on (tests, and embedders that build the configuration themselves). */
    public void useConfig(LlmRetryConfig newConfig) { lifecycle.use(newConfig); }

    /** Before {@code fresh} is in force: its store first (a missing store module changes nothing), secrets, health file. */
    private void prepareFor(LlmRetryConfig fresh) {
        StoreSettings store = StoreSettings.of(fresh.health().store(), fresh.health().redisUri());
        fleet.use(store, LlmRuntime.class.getClassLoader());
        redactor = Redactor.of(fresh, store);
        if (this == INSTANCE) Redactor.install(redactor);
        healthFile.use(fresh.health().file());
    }

    /** Once {@code fresh} is in force: targets brought up to date, plans built again at their next call. */
    private void adopted(LlmRetryConfig fresh) {
        targets.adopt(fresh);
        plans.clear();
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

    /**
     * Builds the plan of {@code spec} once, caching nothing ({@code LlmCall.build()}).
     *
     * @throws LlmRetryConfigException saying what to fix, when it cannot be built: from {@link CallSpec#source()}, with
     *                                 the broken rule's sentence after it (not naming the call a second time)
     */
    public void checkPlan(CallSpec spec) {
        try {
            PlanFactory.build(spec, this);
        } catch (LlmRetryConfigException e) {
            throw e;
        } catch (PlanFactory.Refused e) {
            throw LlmRetryConfigException.of(spec.source(), ConfigProblem.of(spec.id(), null, "", e.problem.predicate()));
        } catch (RuntimeException e) {
            throw LlmRetryConfigException.of(spec.source(), ConfigProblem.of(spec.id(), null, "",
                    String.valueOf(e.getMessage())));
        }
    }

    /** The shared target of configured endpoint {@code requested.name()}; see {@link TargetRegistry#endpoint}. */
    Target endpointTarget(EndpointSettings requested) { return targets.endpoint(requested); }

    /** The shared target of a named breaker; see {@link TargetRegistry#named}. */
    Target namedTarget(String name, BreakerSettings settings, LlmRetryConfig builtFrom) {
        return targets.named(name, settings, builtFrom);
    }

    /** Every endpoint configured in retry.yaml (created if not used yet) and every named breaker, in that order. */
    public List<TargetView> targets() { return targets.all(); }

    /**
     * The health of every configured endpoint and named breaker right now; while no configuration can be used, an
     * entry {@code configuration} with state {@code config_error} says why instead of throwing (see
     * {@link HealthReporter}).
     */
    public HealthReport healthReport() { return health.report(); }

    /**
     * Writes the latest health to {@code health.file} now and waits at most {@code timeout} for it; true when it is
     * written (or there is no file). Tests, and shutdown before {@link #closeHealthWriter()}.
     */
    public boolean flushHealth(Duration timeout) { return healthFile.flush(timeout); }

    /**
     * Writes the latest health to {@code health.file} (waiting at most 2 s) and stops its writer thread: later changes
     * are not written, until a reload or {@link #useConfig} names a health file again. For shutdown. Idempotent.
     */
    public void closeHealthWriter() { healthFile.close(); }

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

    /**
     * The one supported way for tests, the harness, the reliability suites and the benchmarks to run the runtime on
     * their own terms: forgets all state, installs {@code time}, {@code random} and (unless null) {@code config};
     * closing puts back the fault injector, time and randomness in force before, forgets all state again and clears
     * an interrupt a timed-out attempt may have left on the closing thread. One installation at a time; one made
     * while another is open nests (an application restart in a test) and closing it returns to the outer one's time
     * and randomness, with state forgotten. If installing fails, state is forgotten and nothing else changed.
     *
     * <pre>{@code
     * try (LlmRuntime.Installation run = LlmRuntime.get().install(clock, RandomSource.seeded(7), config)) {
     *     run.faults(injector);
     *     ... // calls on virtual time
     * }
     * }</pre>
     */
    public Installation install(TimeSource newTime, RandomSource newRandom, LlmRetryConfig newConfig) {
        Installation installation = new Installation(time, random, faultInjector);
        resetState();
        try {
            if (newConfig != null) useConfig(newConfig);
        } catch (RuntimeException | Error e) {
            resetState();
            throw e;
        }
        installTimeAndRandom(newTime, newRandom);
        return installation;
    }

    /**
     * What {@link #install} put in force; {@link #close()} undoes it. Not thread-safe: one owner (a test, a
     * benchmark's set-up) uses and closes it, while calls on any thread use the runtime.
     *
     * <pre>{@code
     * try (LlmRuntime.Installation run = LlmRuntime.get().install(clock, RandomSource.seeded(7), null)) {
     *     run.useTime(TimeSource.system(), RandomSource.seeded(3));   // this test waits on real time
     *     run.reset();                                               // as after a restart: circuits closed
     * }
     * }</pre>
     */
    public final class Installation implements AutoCloseable {
        private final TimeSource previousTime;
        private final RandomSource previousRandom;
        private final FaultInjector previousFaults;
        private boolean closed;

        private Installation(TimeSource previousTime, RandomSource previousRandom, FaultInjector previousFaults) {
            this.previousTime = previousTime;
            this.previousRandom = previousRandom;
            this.previousFaults = previousFaults;
        }

        /** Injects faults before attempts (the harness); every plan built from now on calls it. Removed on close. */
        public Installation faults(FaultInjector injector) {
            installFaultInjector(injector);
            return this;
        }

        /**
         * Replaces the time and randomness for the rest of this installation (real time for a test on real threads,
         * a frozen clock while a result is compared); state stays, plans are built again. Closing still restores the
         * ones in force before {@link #install}.
         */
        public Installation useTime(TimeSource newTime, RandomSource newRandom) {
            installTimeAndRandom(newTime, newRandom);
            return this;
        }

        /**
         * Forgets every breaker, health counter, plan and the configuration, as a restart would (the next call reads
         * retry.yaml again, or what {@code useConfig} puts in force); time, randomness and faults stay.
         */
        public void reset() {
            resetState();
        }

        /** Restores the faults, time and randomness in force before and forgets all state. Idempotent. */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            installFaultInjector(previousFaults);
            installTimeAndRandom(previousTime, previousRandom);
            resetState();
            Thread.interrupted(); // an attempt-timeout interrupt must not leak into what runs next
        }
    }

    /** Replaces the clock/scheduler and the random source, and forgets all plans; through {@link #install}. */
    void installTimeAndRandom(TimeSource newTime, RandomSource newRandom) {
        this.time = newTime;
        this.random = newRandom;
        plans.clear();
    }

    /**
     * The fault injector every plan built from now on calls before each attempt (or null for none); through
     * {@link Installation#faults}. Returns the one it replaces, so a caller can put it back.
     */
    FaultInjector installFaultInjector(FaultInjector injector) {
        FaultInjector previous = faultInjector;
        this.faultInjector = injector;
        plans.clear();
        return previous;
    }

    /** Forgets every breaker, health counter and plan, and re-reads the configuration; through {@link #install}. */
    void resetState() {
        lifecycle.forget(() -> {
            healthFile.forget(); // first: its last write is of the state being forgotten
            fleet.close();
            targets.clear();
            plans.clear();
            userClassifiers = null;
        });
    }
}
