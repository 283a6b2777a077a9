package dev.llmretry.examples;

import java.util.List;
import java.util.Map;

/**
 * What a whole demo run produced: each scenario's outcome, the requests every endpoint received, and the health JSON
 * at the end. Immutable.
 */
public record DemoResult(List<ScenarioOutcome> outcomes, Map<String, Integer> totalRequests, String healthJson) {
    public DemoResult {
        outcomes = List.copyOf(outcomes);
        totalRequests = Map.copyOf(totalRequests);
    }

    /** The outcome of the scenario called {@code name}. */
    public ScenarioOutcome outcome(String name) {
        return outcomes.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("scenario " + name + " did not run"));
    }

    /** Questions asked over all scenarios. */
    public int asked() {
        return outcomes.stream().mapToInt(ScenarioOutcome::asked).sum();
    }

    /** Questions answered over all scenarios. */
    public int answered() {
        return outcomes.stream().mapToInt(ScenarioOutcome::answered).sum();
    }
}
