package dev.llmretry.examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What happened in one scenario: questions asked and answered, failures the caller saw, requests each endpoint
 * received, and the library's events. Immutable.
 *
 * @param failures       the simple class names of the exceptions callers saw, in order
 * @param requests       requests received per endpoint during the scenario, in priority order
 * @param retryDelays    the delay of every retry the library scheduled
 * @param failovers      {@code "iag->oneapi"} per failover
 * @param circuitChanges {@code "iag:open"}, {@code "iag:half_open"}, {@code "iag:closed"} in order
 * @param exhausted      the {@code why} of every call that gave up ({@code "all_circuits_open"} for a fail-fast)
 * @param streamed       the text a reader received from each streamed answer, complete or not
 */
public record ScenarioOutcome(String name, int asked, int answered, List<String> failures,
                              Map<String, Integer> requests, List<Duration> retryDelays, List<String> failovers,
                              List<String> circuitChanges, List<String> exhausted, int streamsIncomplete,
                              List<String> streamed) {
    public ScenarioOutcome {
        failures = List.copyOf(failures);
        requests = Map.copyOf(requests);
        retryDelays = List.copyOf(retryDelays);
        failovers = List.copyOf(failovers);
        circuitChanges = List.copyOf(circuitChanges);
        exhausted = List.copyOf(exhausted);
        streamed = List.copyOf(streamed);
    }

    /** Requests {@code endpoint} received during the scenario. */
    public int requests(String endpoint) {
        return requests.getOrDefault(endpoint, 0);
    }
}
