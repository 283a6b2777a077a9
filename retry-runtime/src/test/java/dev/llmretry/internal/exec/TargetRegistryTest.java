package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.health.EndpointHealth;
import dev.llmretry.store.Outcomes;
import dev.llmretry.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link TargetRegistry} on its own: one target per name, kept across reloads with its breaker and health, brought up
 * to date with the new settings, dropped when its endpoint goes; a restored target is restored once.
 */
class TargetRegistryTest {
    static LlmRetryConfig config(String iagKey, int threshold, boolean withOneapi) {
        return ConfigLoader.parse("test retry.yaml", """
                circuit-breaker:
                  default: { failure-threshold: %d }
                endpoints:
                  iag: { url: "https://iag.example/v1", api-key: "%s", priority: 1 }
                """.formatted(threshold, iagKey)
                + (withOneapi ? "  oneapi: { url: \"https://oneapi.example/v1\", priority: 2 }\n" : ""), v -> null);
    }

    final AtomicReference<LlmRetryConfig> file = new AtomicReference<>(config("key-one-0001", 3, true));
    final List<String> created = new ArrayList<>();
    final List<String> restored = new ArrayList<>();
    final AtomicReference<TargetRegistry> registry = new AtomicReference<>();
    final ConfigLifecycle lifecycle = new ConfigLifecycle(file::get, new ConfigLifecycle.Adoption() {
        @Override public void prepare(LlmRetryConfig fresh) { }

        @Override public void adopt(LlmRetryConfig fresh) { registry.get().adopt(fresh); }
    });
    final TargetRegistry targets = new TargetRegistry(lifecycle, (name, endpoint, settings, window, priority) -> {
        created.add(name);
        return new Target(name, endpoint, new CircuitBreaker(name, settings, TimeSource::system, (b, f, t, r, c) -> null),
                new EndpointHealth(window), priority);
    }, t -> restored.add(t.name));

    {
        registry.set(targets);
    }

    Target iag() {
        return targets.endpoint(lifecycle.current().endpoints().get("iag"));
    }

    void reload(LlmRetryConfig next) {
        file.set(next);
        lifecycle.reload();
    }

    @Test
    void endpointUsedTwice_oneTarget_createdAndRestoredOnce() {
        Target first = iag();

        assertSame(first, iag());
        assertEquals(List.of("iag"), created);
        assertEquals(List.of("iag"), restored, "restored once, when created");
    }

    @Test
    void reloadRotatingTheKeyAndThreshold_sameBreakerAndHealth_newEndpoint_newThreshold() {
        Target before = iag();

        reload(config("key-two-0002", 2, true));
        Target after = iag();

        assertNotSame(before, after, "a target holds its endpoint: a new one around the same state");
        assertSame(before.breaker, after.breaker);
        assertSame(before.health, after.health);
        assertEquals("key-two-0002", after.endpoint.apiKey());
        assertEquals(2, after.breaker.settings().failureThreshold());
        assertEquals(List.of("iag"), created, "nothing created anew");
    }

    @Test
    void reloadChangingNothingOfAnEndpoint_keepsTheSameTarget() {
        Target before = iag();

        reload(config("key-one-0001", 3, true));

        assertSame(before, iag());
    }

    @Test
    void reloadDroppingAnEndpoint_itsTargetIsForgotten_readdingItCreatesAFreshOne() {
        Target oneapi = targets.endpoint(lifecycle.current().endpoints().get("oneapi"));

        reload(config("key-one-0001", 3, false));
        assertEquals(List.of("iag"), targets.all().stream().map(TargetView::name).toList());
        reload(config("key-one-0001", 3, true));

        assertNotSame(oneapi.breaker, targets.endpoint(lifecycle.current().endpoints().get("oneapi")).breaker,
                "a fresh breaker: the endpoint went away in between");
    }

    @Test
    void namedBreaker_getsNewSettingsOnlyFromAPlanBuiltFromTheConfigurationInForce_stateKept() {
        LlmRetryConfig first = lifecycle.current();
        Target shared = targets.named("shared", BreakerSettings.defaults(), first);
        reload(config("key-one-0001", 2, true));
        BreakerSettings lowered = lifecycle.current().breakerPolicy("default");

        assertSame(shared, targets.named("shared", lowered, first), "a plan still built from the old configuration");
        assertEquals(BreakerSettings.defaults().failureThreshold(), shared.breaker.settings().failureThreshold());
        assertSame(shared, targets.named("shared", lowered, lifecycle.current()));
        assertEquals(2, shared.breaker.settings().failureThreshold(), "the first plan built after the reload");
        assertEquals(List.of("shared"), created);
        assertEquals(List.of(), restored, "named breakers are never restored from a health file");
    }

    @Test
    void all_listsEveryConfiguredEndpointThenNamedBreakers_creatingWhatIsMissing() {
        targets.named("shared", BreakerSettings.defaults(), lifecycle.current());

        assertEquals(List.of("iag", "oneapi", "shared"), targets.all().stream().map(TargetView::name).toList());
        assertEquals(List.of("shared"), targets.namedBreakers().stream().map(TargetView::name).toList());
    }

    @Test
    void breakerOf_unknownOrUnloaded_isNull_outcomesOfAnUnusedEndpoint_areNone() {
        assertNull(targets.breakerOf("iag"), "nothing in force yet: loads nothing");
        lifecycle.current();

        assertNull(targets.breakerOf("nope"));
        assertSame(iag().breaker, targets.breakerOf("iag"));
        assertSame(Outcomes.NONE, targets.outcomes("oneapi", () -> 0L));
    }

    @Test
    void clear_forgetsEveryTarget() {
        Target before = iag();

        lifecycle.forget(targets::clear);

        assertNotSame(before, iag());
        assertEquals(List.of("iag", "iag"), created);
    }
}
