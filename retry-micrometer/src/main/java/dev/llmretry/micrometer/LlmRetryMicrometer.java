package dev.llmretry.micrometer;

import dev.llmretry.LlmResilience;
import dev.llmretry.event.LlmRetryListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects llm-retry to Micrometer: meters in a {@link MeterRegistry}, one observation per protected call in an
 * {@link ObservationRegistry} (so Micrometer Tracing, and through its bridge OpenTelemetry, gets a span per call).
 * Either registry may be {@code null}.
 *
 * <pre>{@code
 * MeterRegistry meters = new SimpleMeterRegistry();
 * try (LlmRetryMicrometer.Binding binding = LlmRetryMicrometer.bind(meters, ObservationRegistry.NOOP)) {
 *     chatService.complete("Hello", null);
 *     meters.get("llmretry.calls").tag("outcome", "success").counter().count();   // 1.0
 * }
 * }</pre>
 *
 * <p>Thread-safe. Bind once per registry: two bindings to the same registry count every call twice.
 */
public final class LlmRetryMicrometer {
    private LlmRetryMicrometer() {
    }

    /** Registers the meters of SPEC §11 for every protected call from now on. */
    public static Binding bind(MeterRegistry meters) {
        return bind(meters, null);
    }

    /**
     * Registers the meters (when {@code meters} is not null) and the {@code llmretry.call} observation (when
     * {@code observations} is not null) for every protected call from now on.
     */
    public static Binding bind(MeterRegistry meters, ObservationRegistry observations) {
        List<LlmRetryListener> listeners = new ArrayList<>(2);
        if (meters != null) listeners.add(new MeterListener(meters));
        if (observations != null && !observations.isNoop()) listeners.add(new ObservationListener(observations));
        listeners.forEach(LlmResilience::addListener);
        return new Binding(listeners);
    }

    /** Registered listeners; {@link #close()} removes them (meters stay in the registry, no longer updated). */
    public static final class Binding implements AutoCloseable {
        private final List<LlmRetryListener> listeners;

        private Binding(List<LlmRetryListener> listeners) {
            this.listeners = List.copyOf(listeners);
        }

        /** Stops updating the meters and starting observations. Idempotent. */
        @Override
        public void close() {
            listeners.forEach(LlmResilience::removeListener);
        }
    }
}
