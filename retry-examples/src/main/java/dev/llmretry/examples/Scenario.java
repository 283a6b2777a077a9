package dev.llmretry.examples;

/**
 * One misbehaviour of the fake endpoints and what the woven {@link ChatClient} makes of it. Each scenario starts
 * with fresh library state and healthy servers, scripts the servers, and asks questions through its
 * {@link ScenarioContext}; the demo then reports the counts.
 */
public interface Scenario {
    /** The name to select it with: {@code -Dexec.args="outage"}. */
    String name();

    /** What it shows, in one line. */
    String shows();

    /** Scripts the servers and asks questions. */
    void run(ScenarioContext ctx) throws Exception;
}
