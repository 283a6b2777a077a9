package dev.llmretry.internal.exec;

import dev.llmretry.breaker.CircuitState;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.breaker.RecentOutcomes;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.endpoint.ConfiguredEndpoint;
import dev.llmretry.internal.event.Listeners;
import dev.llmretry.internal.health.EndpointHealth;
import dev.llmretry.internal.health.HealthWriter;
import dev.llmretry.internal.store.FleetBridge;
import dev.llmretry.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Makes the targets the {@link TargetRegistry} holds: a target's health counters and a breaker that weighs them
 * before isolating it, wired to what a circuit change reaches: the listeners ({@link CircuitStateChanged}), the
 * health file's writer and the fleet's store. Only constructs objects. Thread-safe.
 *
 * <pre>{@code
 * TargetFactory factory = new TargetFactory(() -> clock, fleet, listeners, health);
 * Target iag = factory.create("iag", ConfiguredEndpoint.of(settings), breakerSettings, Duration.ofSeconds(60), 1);
 * }</pre>
 */
final class TargetFactory {
    private final Supplier<TimeSource> time;
    private final FleetBridge fleet;
    private final Listeners listeners;
    private final HealthPersistence health;

    TargetFactory(Supplier<TimeSource> time, FleetBridge fleet, Listeners listeners, HealthPersistence health) {
        this.time = time;
        this.fleet = fleet;
        this.listeners = listeners;
        this.health = health;
    }

    /** A target whose breaker weighs the target's own health window before isolating it. */
    Target create(String name, ConfiguredEndpoint endpoint, BreakerSettings settings, Duration window, int priority) {
        EndpointHealth counters = new EndpointHealth(window);
        CircuitBreaker breaker = new CircuitBreaker(name, settings, time, this::circuitChanged, fleet.recent(name,
                RecentOutcomes.of(counters::successRate, counters::windowRequests, counters::totalRequests, window)));
        breaker.trialGate(() -> fleet.mayProbe(name));
        breaker.streakListener(fleet.streak(name));
        return new Target(name, endpoint, breaker, counters, priority);
    }

    /** Builds the event on the thread that caused the change (so it names that call); delivery comes later, in order. */
    private Runnable circuitChanged(CircuitBreaker b, CircuitState from, CircuitState to, Instant retryAt,
                                    CircuitBreaker.Caller caller) {
        CircuitStateChanged event = new CircuitStateChanged(caller == null ? 0 : caller.callId(),
                caller == null ? "" : caller.method(),
                time.get().now(), b.name(), from, to, retryAt);
        HealthWriter writer = health.writer();
        Runnable shared = fleet.changed(b, to, retryAt);
        return () -> {
            listeners.emit(event);
            if (writer != null) writer.changed(); // written later, on the writer's thread
            if (shared != null) shared.run(); // queued for the store's thread
        };
    }
}
