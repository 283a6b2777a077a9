package dev.llmretry.benchmarks.sim;

import dev.llmretry.testing.VirtualClock;

/** The four ways of calling that the simulation compares. */
public enum ClientKind {
    /** One attempt on the primary. */
    NO_RESILIENCE("no resilience"),
    /** Six attempts on the primary, 200 ms apart. */
    PLAIN_RETRY_6("plain retry x6 (200 ms)"),
    /** Resilience4j retry (defaults) + real Resilience4j circuit breaker (defaults) on the primary. */
    RESILIENCE4J("Resilience4j retry+breaker, 1 endpoint"),
    /** llm-retry, SPEC defaults, three endpoints. */
    LLM_RETRY("llm-retry defaults, 3 endpoints"),
    /** Sensitivity row, not a default: llm-retry with {@code failure-threshold: 5} instead of 3. */
    LLM_RETRY_THRESHOLD_5("llm-retry, failure-threshold 5 (not default)");

    private final String label;

    ClientKind(String label) {
        this.label = label;
    }

    /** How the report names it. */
    public String label() {
        return label;
    }

    Client create(VirtualClock clock, World world, long seed) {
        return switch (this) {
            case NO_RESILIENCE -> new PlainRetryClient(clock, world, 1, 0);
            case PLAIN_RETRY_6 -> new PlainRetryClient(clock, world, 6, 200_000_000L);
            case RESILIENCE4J -> new Resilience4jClient(clock, world);
            case LLM_RETRY -> new LlmRetryClient(clock, world, seed, 3);
            case LLM_RETRY_THRESHOLD_5 -> new LlmRetryClient(clock, world, seed, 5);
        };
    }
}
