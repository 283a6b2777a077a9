package dev.llmretry.it;

import dev.llmretry.event.LlmRetryEvent;
import dev.llmretry.testing.Faults;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import dev.llmretry.testing.VirtualClock;
import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * Fresh library state, virtual time, faults and an event recorder for every test, from the harness
 * ({@link LlmRetryTest}); the harness also checks that {@link #service} was woven before each test.
 */
@LlmRetryTest(seed = 7)
abstract class WovenTestBase {
    protected final ScriptedBackend backend = new ScriptedBackend();
    protected final ChatService service = new ChatService(backend);
    protected VirtualClock clock;
    protected Faults faults;
    protected RecordedEvents recorded;
    /** Every event so far, in order (a live view of {@link #recorded}). */
    protected final List<LlmRetryEvent> events = new AbstractList<>() {
        @Override public LlmRetryEvent get(int i) { return recorded.all().get(i); }
        @Override public int size() { return recorded.all().size(); }
    };

    @BeforeEach
    void harness(VirtualClock clock, Faults faults, RecordedEvents recorded) {
        this.clock = clock;
        this.faults = faults;
        this.recorded = recorded;
    }

    protected List<String> eventKinds() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }
}
