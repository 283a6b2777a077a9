package dev.llmretry.it;

import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.ConfigLoader;
import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.event.StreamIncomplete;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import dev.llmretry.testing.VirtualClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh library state for each test: virtual time, a seeded random source, an event recorder; optionally a
 * retry.yaml given as text. Use as {@code @RegisterExtension final Fresh fresh = new Fresh();}.
 */
final class Fresh implements BeforeEachCallback, AfterEachCallback {
    final VirtualClock clock = new VirtualClock();
    final List<LlmRetryEvent> events = new CopyOnWriteArrayList<>();
    private final LlmRetryListener recorder = new LlmRetryListener() {
        @Override public void onRetryScheduled(RetryScheduled e) { events.add(e); }
        @Override public void onFailover(FailedOver e) { events.add(e); }
        @Override public void onCircuitStateChange(CircuitStateChanged e) { events.add(e); }
        @Override public void onStreamIncomplete(StreamIncomplete e) { events.add(e); }
        @Override public void onSuccess(CallSucceeded e) { events.add(e); }
        @Override public void onExhausted(CallExhausted e) { events.add(e); }
    };

    private LlmRuntime.Installation installation;

    @Override
    public void beforeEach(ExtensionContext context) {
        installation = LlmRuntime.get().install(clock, RandomSource.seeded(11), null);
        LlmResilience.addListener(recorder);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LlmResilience.removeListener(recorder);
        installation.close();
    }

    /** Real time (or any other) instead of the virtual clock, for the rest of the test; state stays. */
    void useTime(TimeSource time, RandomSource random) {
        installation.useTime(time, random);
    }

    /** Forgets every breaker, health counter, plan and the configuration, as a restart would. */
    void reset() {
        installation.reset();
    }

    /** Uses this retry.yaml text instead of the classpath one. */
    void useYaml(String yaml) {
        LlmRuntime.get().useConfig(ConfigLoader.parse("test retry.yaml", yaml, v -> null));
    }

    <T extends LlmRetryEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
