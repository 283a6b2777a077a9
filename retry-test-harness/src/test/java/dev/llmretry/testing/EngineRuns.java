package dev.llmretry.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture test classes through the real Jupiter engine (EngineTestKit) and reads what happened. */
final class EngineRuns {
    private EngineRuns() {
    }

    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... fixtures) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").configurationParameters(configuration)
                .configurationParameter(Fixture.PARAMETER, "true");
        for (Class<?> c : fixtures) kit = kit.selectors(selectClass(c));
        return kit.execute();
    }

    static EngineExecutionResults run(Class<?>... fixtures) {
        return run(Map.of(), fixtures);
    }

    /** The failures of the tests that failed, in order. */
    static List<Throwable> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream().map(EngineRuns::throwable).toList();
    }

    static Throwable throwable(Event e) {
        return e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }
}
