package dev.llmretry.it;

import dev.llmretry.LlmResilience;
import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.exec.LlmRuntime;
import dev.llmretry.exec.RandomSource;
import dev.llmretry.testing.VirtualClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Fresh library state, virtual time and an event recorder for every test. */
abstract class WovenTestBase {
    protected final ScriptedBackend backend = new ScriptedBackend();
    protected final ChatService service = new ChatService(backend);
    protected final VirtualClock clock = new VirtualClock();
    protected final List<LlmRetryEvent> events = new CopyOnWriteArrayList<>();
    private final LlmRetryListener recorder = new LlmRetryListener() {
        @Override public void onRetryScheduled(dev.llmretry.event.RetryScheduled e) { events.add(e); }
        @Override public void onFailover(dev.llmretry.event.FailedOver e) { events.add(e); }
        @Override public void onCircuitStateChange(dev.llmretry.event.CircuitStateChanged e) { events.add(e); }
        @Override public void onSuccess(dev.llmretry.event.CallSucceeded e) { events.add(e); }
        @Override public void onExhausted(dev.llmretry.event.CallExhausted e) { events.add(e); }
        @Override public void onStreamIncomplete(dev.llmretry.event.StreamIncomplete e) { events.add(e); }
    };

    @BeforeEach
    void freshRuntime() {
        LlmRuntime.get().resetState();
        LlmRuntime.get().installTimeAndRandom(clock, RandomSource.seeded(7));
        LlmResilience.addListener(recorder);
    }

    @AfterEach
    void removeRecorder() {
        LlmResilience.removeListener(recorder);
        Thread.interrupted();
    }

    protected List<String> eventKinds() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }
}
