package dev.llmretry.testing;

import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * The harness state of one test: its clock, faults and recording, and what it replaced in the runtime. Installed
 * before the test, removed after it (whatever happened), so the next test starts from scratch.
 */
final class TestRun {
    final VirtualClock clock = new VirtualClock();
    final RecordedEvents events = new RecordedEvents(clock);
    final Faults faults = new Faults(clock, events);
    private final HarnessSettings settings;
    private final String name;
    private LlmRuntime.Installation installation;
    private boolean owned; // holds RuntimeOwnership until uninstall()

    private TestRun(HarnessSettings settings, String name) {
        this.settings = settings;
        this.name = name;
    }

    static TestRun start(HarnessSettings settings, String name, Collection<Object> testInstances) {
        WeavingCheck.verify(testInstances, settings.woven());
        LlmRetryConfig config = settings.loadConfig();
        TestRun run = new TestRun(settings, name);
        RuntimeOwnership.acquire(name);
        run.owned = true;
        try {
            run.install(config);
        } catch (RuntimeException | Error e) {
            run.uninstall();
            throw e;
        }
        return run;
    }

    private void install(LlmRetryConfig config) {
        installation = LlmRuntime.get().install(clock, RandomSource.seeded(settings.seed()), config)
                .faults(faults.injector());
        LlmResilience.addListener(events.listener());
    }

    /**
     * Restores the runtime and releases it, then applies fault strictness: a problem is thrown when the test
     * passed, and attached as suppressed to the test's own failure otherwise, so it never hides it.
     */
    void finish(Optional<Throwable> testFailure) {
        uninstall();
        List<String> unfired = faults.unfired(settings.strictFaults());
        if (unfired.isEmpty()) return;
        AssertionFailedError problem = new AssertionFailedError(strictnessMessage(unfired));
        if (testFailure.isPresent()) {
            testFailure.get().addSuppressed(problem);
        } else {
            throw problem;
        }
    }

    private void uninstall() {
        if (!owned) return;
        owned = false;
        LlmRuntime.Installation done = installation;
        installation = null;
        try {
            LlmResilience.removeListener(events.listener());
            if (done != null) done.close(); // the previous time and randomness, fresh state, no stray interrupt
            // else installing failed, and install() itself forgot what it had put in force
        } finally {
            RuntimeOwnership.release();
        }
    }

    private String strictnessMessage(List<String> unfired) {
        return unfired.size() + " declared fault(s) never fired in " + name + ":\n  - " + String.join("\n  - ", unfired)
                + "\nA fault that never fires usually means the scenario did not go the way the test thinks. "
                + "If it is optional, mark it .lenient(), or turn strictness off with @LlmRetryTest(strictFaults = "
                + "false) or LlmRetryExtension.builder().strictFaults(false).\n\nTimeline (virtual time):\n"
                + events.timeline();
    }
}
