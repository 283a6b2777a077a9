package dev.llmretry.internal.exec;

import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.config.EndpointSettings;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.endpoint.ConfiguredEndpoint;
import dev.llmretry.store.Outcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The shared targets by name: one per configured endpoint and one per named breaker, each created on first use and
 * shared by every method that names it. A reload keeps each target's breaker and health (their state survives) and
 * brings the rest up to date: a new url, api-key, model, proxy or priority, and new thresholds. An endpoint that a
 * restart recorded open is restored before anyone can see its target. Thread-safe: creating an endpoint target is
 * serialized by its own lock, refreshing one created from a replaced configuration by the configuration lock.
 *
 * <pre>{@code
 * TargetRegistry registry = new TargetRegistry(lifecycle, factory::create, health::restore);
 * Target iag = registry.endpoint(settings);   // created on first use, with its breaker and health
 * lifecycle.reload();                          // adopt(fresh): the same target, brought up to date
 * }</pre>
 */
final class TargetRegistry {
    /** Makes a target with its breaker and health; only constructs objects (it runs inside map computations). */
    @FunctionalInterface
    interface NewTarget {
        Target create(String name, ConfiguredEndpoint endpoint, BreakerSettings settings, Duration window, int priority);
    }

    private final ConfigLifecycle config;
    private final NewTarget newTarget;
    private final Consumer<Target> restore;
    private final ConcurrentHashMap<String, Target> endpointTargets = new ConcurrentHashMap<>();
    private final Object targetCreation = new Object();
    private final ConcurrentHashMap<String, Target> namedTargets = new ConcurrentHashMap<>();
    /** Named breakers whose settings the next plan built after a reload replaces. */
    private final Set<String> staleNamed = ConcurrentHashMap.newKeySet();

    /**
     * @param restore applied once to each new endpoint target before it is published (health persisted before a
     *                restart)
     */
    TargetRegistry(ConfigLifecycle config, NewTarget newTarget, Consumer<Target> restore) {
        this.config = config;
        this.newTarget = newTarget;
        this.restore = restore;
    }

    /**
     * The shared target of a configured endpoint, created on first use with its breaker and health, from the settings
     * in force, and with the open circuit a restart recorded restored before anyone can see it. Whatever may wait for
     * the configuration lock is read before; a target created from a configuration that a reload replaced meanwhile is
     * refreshed.
     */
    Target endpoint(EndpointSettings requested) {
        String name = requested.name();
        Target t = endpointTargets.get(name);
        if (t != null) return t;
        LlmRetryConfig c = config.current();
        EndpointSettings s = c.endpoints().getOrDefault(name, requested);
        BreakerSettings breaker = c.breakerPolicy(s.circuitBreaker());
        Duration window = c.health().window();
        synchronized (targetCreation) {
            t = endpointTargets.get(name);
            if (t == null) {
                // published only once restored: a reader (a call, the health writer) never sees an endpoint that a
                // restart recorded open as closed (SharedHealthFileTest caught the window under load)
                t = newTarget.create(name, ConfiguredEndpoint.of(s), breaker, window, s.priority());
                restore.accept(t);
                endpointTargets.put(name, t);
            }
        }
        if (config.inForce() != c) {
            Target[] refreshed = {t};
            config.locked(() -> {
                LlmRetryConfig now = config.inForce();
                EndpointSettings current = now == null ? null : now.endpoints().get(name);
                Target r = current == null ? null : refresh(current, now);
                if (r != null) refreshed[0] = r;
            });
            t = refreshed[0];
        }
        return t;
    }

    /**
     * The shared target of a named breaker ({@code @LlmCircuitBreaker(name=...)}, or a method's own). The first plan
     * built after a reload from the configuration in force ({@code builtFrom}) gives the breaker its settings, as the
     * first plan did at start-up; its state survives.
     */
    Target named(String name, BreakerSettings settings, LlmRetryConfig builtFrom) {
        Target t = namedTargets.get(name);
        if (t == null) {
            Duration window = builtFrom.health().window();
            t = namedTargets.computeIfAbsent(name, n -> newTarget.create(n, ConfiguredEndpoint.implicit(n), settings,
                    window, 0));
            if (config.inForce() != builtFrom) staleNamed.add(name); // from a replaced configuration: the next plan fixes it
        }
        if (!staleNamed.isEmpty() && staleNamed.contains(name)) {
            Target named = t;
            config.locked(() -> { // outside any map computation; rare: once per breaker and reload
                if (config.inForce() == builtFrom && staleNamed.remove(name)) named.breaker.reconfigure(settings);
            });
        }
        return t;
    }

    /**
     * Brings the targets up to date with {@code fresh}, now in force (under the configuration lock): endpoints it no
     * longer names are dropped, the others refreshed; named breakers get their settings from the next plan built.
     */
    void adopt(LlmRetryConfig fresh) {
        endpointTargets.values().removeIf(t -> !fresh.endpoints().containsKey(t.name));
        for (EndpointSettings e : fresh.endpoints().values()) refresh(e, fresh);
        staleNamed.addAll(namedTargets.keySet());
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

    /** Every endpoint of the configuration in force (created if not used yet) and every named breaker, in that order. */
    List<TargetView> all() {
        List<TargetView> out = new ArrayList<>();
        LlmRetryConfig c = config.current();
        for (EndpointSettings e : c.endpoints().values()) out.add(new TargetView(endpoint(e)));
        out.addAll(namedBreakers());
        return out;
    }

    /** Every named breaker's target; needs no configuration in force. */
    List<TargetView> namedBreakers() {
        return namedTargets.values().stream().map(TargetView::new).toList();
    }

    /** The breaker of configured endpoint {@code name} (created if not used yet), or null: for the fleet's store. */
    CircuitBreaker breakerOf(String name) {
        LlmRetryConfig c = config.inForce();
        EndpointSettings s = c == null ? null : c.endpoints().get(name);
        return s == null ? null : endpoint(s).breaker;
    }

    /** This instance's requests and failures to endpoint {@code name} over the health window (the store shares them). */
    Outcomes outcomes(String name, LongSupplier clock) {
        Target t = endpointTargets.get(name);
        if (t == null) return Outcomes.NONE;
        long nowNanos = clock.getAsLong();
        long requests = t.health.windowRequests(nowNanos);
        return requests == 0 ? Outcomes.NONE
                : new Outcomes(requests, Math.round((1 - t.health.successRate(nowNanos)) * requests));
    }

    /** Forgets every target (a reset); call under the configuration lock. */
    void clear() {
        endpointTargets.clear();
        namedTargets.clear();
        staleNamed.clear();
    }
}
