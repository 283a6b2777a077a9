package dev.llmretry.internal.store;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.breaker.RecentOutcomes;
import dev.llmretry.store.CircuitStore;
import dev.llmretry.store.CircuitStoreProvider;
import dev.llmretry.store.Fleet;
import dev.llmretry.store.Outcomes;
import dev.llmretry.store.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects this instance's endpoint breakers to the {@link CircuitStore} that {@code health.store} names: a circuit
 * this instance opens or closes is told to the store (off the caller's thread, after the change), a change another
 * instance made is applied to the local breaker (without being told back), a recovery trial goes only where the
 * store grants the probe lease, and the opening rule's failure rate counts the other instances' outcomes. Only state
 * changes, trials and the failure path touch it: a successful call never does. Thread-safe.
 *
 * <pre>{@code
 * FleetBridge fleet = new FleetBridge(breakers::get, local::outcomes, config::endpointNames, clock::now, clock::nanoTime, () -> 60_000);
 * fleet.use(StoreSettings.of("redis", "redis://cache:6379"), classLoader);   // LlmRetryConfigException if retry-redis is missing
 * }</pre>
 */
public final class FleetBridge implements Fleet {
    private static final Logger LOG = LoggerFactory.getLogger(FleetBridge.class);
    /** Set while a change another instance made is applied here, so it is not told back to the store. */
    private static final ThreadLocal<Boolean> APPLYING = new ThreadLocal<>();

    private final Function<String, CircuitBreaker> breakers;
    private final Function<String, Outcomes> local;
    private final Supplier<Set<String>> endpoints;
    private final Supplier<Instant> now;
    private final LongSupplier nanoTime;
    private final LongSupplier windowMillis;
    private final Object lock = new Object();
    private volatile CircuitStore store = CircuitStore.LOCAL;
    private volatile StoreSettings settings = StoreSettings.local();

    /**
     * @param breakers     the breaker of a configured endpoint (created if needed), null for any other name
     * @param local        this instance's outcomes of an endpoint over the health window
     * @param endpoints    the configured endpoints' names
     * @param now          wall-clock time
     * @param nanoTime     the runtime's monotonic time (the breakers' clock)
     * @param windowMillis the health window
     */
    public FleetBridge(Function<String, CircuitBreaker> breakers, Function<String, Outcomes> local,
                       Supplier<Set<String>> endpoints, Supplier<Instant> now, LongSupplier nanoTime,
                       LongSupplier windowMillis) {
        this.breakers = breakers;
        this.local = local;
        this.endpoints = endpoints;
        this.now = now;
        this.nanoTime = nanoTime;
        this.windowMillis = windowMillis;
    }

    /**
     * Uses the store {@code s} names from now on (a no-op when it is the one in use); the previous store is closed.
     *
     * @throws LlmRetryConfigException when no provider of that name is on the class path (the message names the module)
     */
    public void use(StoreSettings s, ClassLoader loader) {
        synchronized (lock) {
            if (s.equals(settings)) return;
            CircuitStore next = s.shared() ? provider(s.store(), loader).open(s, this) : CircuitStore.LOCAL;
            CircuitStore previous = store;
            store = next;
            settings = s;
            previous.close();
            if (s.shared()) LOG.info("Endpoint circuits are shared through {}", s);
        }
    }

    /**
     * Uses {@code s}, already open, as the store (embedders, tests and simulations that bring their own); the previous
     * store is closed. {@link #use(StoreSettings, ClassLoader)} replaces it again when retry.yaml names a store.
     */
    public void use(CircuitStore s) {
        synchronized (lock) {
            CircuitStore previous = store;
            store = java.util.Objects.requireNonNull(s, "store");
            settings = StoreSettings.of("custom", null);
            if (previous != s) previous.close();
        }
    }

    /** The store in use ({@link CircuitStore#LOCAL} unless retry.yaml names one). */
    public CircuitStore store() { return store; }

    /** Closes the store in use and goes back to local state. Idempotent. */
    public void close() {
        synchronized (lock) {
            CircuitStore previous = store;
            store = CircuitStore.LOCAL;
            settings = StoreSettings.local();
            previous.close();
        }
    }

    /** The provider named {@code name}; an error naming the module to add when there is none. */
    static CircuitStoreProvider provider(String name, ClassLoader loader) {
        List<String> found = new ArrayList<>();
        for (CircuitStoreProvider p : ServiceLoader.load(CircuitStoreProvider.class, loader)) {
            if (p.name().equals(name)) return p;
            found.add(p.name());
        }
        String module = "redis".equals(name) ? "dev.llmretry:retry-redis" : "the module that provides it";
        throw LlmRetryConfigException.of("health.store", ConfigProblem.of("health.store", name,
                "local" + (found.isEmpty() ? "" : ", " + String.join(", ", found)),
                "health.store: " + name + " needs " + module + " on the class path (no CircuitStoreProvider named '"
                        + name + "' was found" + (found.isEmpty() ? "" : "; found: " + String.join(", ", found))
                        + "); add the dependency, or use health.store: local"));
    }

    /**
     * The store's part of a state change of breaker {@code b}: what to run once the change is delivered (tell the
     * store), or null (a named breaker, nothing shared, or a change another instance made).
     */
    public Runnable changed(CircuitBreaker b, CircuitState to, Instant retryAt) {
        CircuitStore s = store;
        if (s == CircuitStore.LOCAL || APPLYING.get() != null) return null;
        String name = b.name();
        if (!endpoints.get().contains(name)) return null;
        if (to == CircuitState.OPEN && retryAt != null) return () -> s.opened(name, retryAt);
        if (to == CircuitState.CLOSED) return () -> s.closed(name);
        return null;
    }

    /** Whether endpoint {@code name}'s recovery trial may go from this instance now (the store's probe lease). */
    public boolean mayProbe(String name) {
        CircuitStore s = store;
        return s == CircuitStore.LOCAL || !endpoints.get().contains(name) || s.mayProbe(name);
    }

    /** What breaker {@code name}'s failures in a row tell the store (nothing while no store is in use). */
    public CircuitBreaker.StreakListener streak(String name) {
        return new CircuitBreaker.StreakListener() {
            @Override
            public void failed() {
                CircuitStore s = store;
                if (s != CircuitStore.LOCAL) s.failed(name);
            }

            @Override
            public void ended() {
                CircuitStore s = store;
                if (s != CircuitStore.LOCAL) s.recovered(name);
            }
        };
    }

    /** {@code own} with the other instances' outcomes counted in the failure rate (requests stay this instance's). */
    public RecentOutcomes recent(String name, RecentOutcomes own) {
        return new RecentOutcomes() {
            @Override
            public double failureRate(long nowNanos) {
                CircuitStore s = store;
                Outcomes others = s == CircuitStore.LOCAL ? Outcomes.NONE : s.others(name);
                if (others.requests() == 0) return own.failureRate(nowNanos);
                long requests = own.requests(nowNanos);
                long failures = Math.round(own.failureRate(nowNanos) * requests);
                return new Outcomes(requests, failures).plus(others).failureRate();
            }

            @Override public long requests(long nowNanos) { return own.requests(nowNanos); }

            @Override public long windowNanos() { return own.windowNanos(); }

            @Override public long completed() { return own.completed(); }
        };
    }

    @Override
    public Set<String> endpoints() { return endpoints.get(); }

    @Override
    public Outcomes local(String endpoint) {
        return endpoints.get().contains(endpoint) ? local.apply(endpoint) : Outcomes.NONE;
    }

    @Override
    public java.util.Map<String, Instant> openHere() {
        java.util.Map<String, Instant> open = new java.util.LinkedHashMap<>();
        for (String name : endpoints.get()) {
            CircuitBreaker b = breakers.apply(name);
            Instant until = b == null ? null : b.retryAt();
            if (until != null && b.state() == CircuitState.OPEN) open.put(name, until);
        }
        return open;
    }

    /** Opens the local circuit until {@code until} unless it is already open at least that long; at most recovery-time. */
    @Override
    public void openedElsewhere(String endpoint, Instant until) {
        CircuitBreaker b = shared(endpoint);
        if (b == null || until == null) return;
        Instant t = now.get();
        if (!until.isAfter(t)) return;
        Instant localUntil = b.retryAt();
        if (b.state() == CircuitState.OPEN && localUntil != null && !localUntil.isBefore(until)) return;
        Duration open = Duration.between(t, until);
        Duration recovery = b.settings().recoveryTime();
        if (open.compareTo(recovery) > 0) open = recovery; // a clock far off, or a hand-made key: never longer than recovery-time
        APPLYING.set(Boolean.TRUE);
        try {
            // counted as at least a first opening: a trial failing after it must not open for less than that
            long counted = Math.min(recovery.toNanos(), Math.max(open.toNanos(), b.settings().minRecoveryTime().toNanos()));
            b.forceOpenUntil(nanoTime.getAsLong() + open.toNanos(), counted);
        } finally {
            APPLYING.remove();
        }
    }

    /**
     * The fleet's run reached {@code outage-threshold}: a closed circuit here opens for {@code min-recovery-time} (the
     * endpoint answered before the run: overloaded or just gone down, probed soon) and the fleet is told.
     */
    @Override
    public void fleetFailures(String endpoint, long consecutive) {
        CircuitBreaker b = shared(endpoint);
        if (b == null || b.state() != CircuitState.CLOSED || consecutive < b.settings().outageThreshold()) return;
        long open = Math.min(b.settings().minRecoveryTime().toNanos(), b.settings().recoveryTime().toNanos());
        b.forceOpenUntil(nanoTime.getAsLong() + open);
    }

    @Override
    public void closedElsewhere(String endpoint) {
        CircuitBreaker b = shared(endpoint);
        if (b == null || b.state() == CircuitState.CLOSED) return;
        APPLYING.set(Boolean.TRUE);
        try {
            b.reset();
        } finally {
            APPLYING.remove();
        }
    }

    /** The breaker of a configured endpoint (its circuit is shared), or null. */
    private CircuitBreaker shared(String endpoint) {
        return endpoints.get().contains(endpoint) ? breakers.apply(endpoint) : null;
    }

    @Override
    public Instant now() { return now.get(); }

    @Override
    public long windowMillis() { return windowMillis.getAsLong(); }

    @Override
    public String toString() {
        return "FleetBridge[" + settings + "]";
    }
}
