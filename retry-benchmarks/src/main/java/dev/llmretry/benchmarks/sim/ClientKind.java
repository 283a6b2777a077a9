package dev.llmretry.benchmarks.sim;

import dev.llmretry.testing.VirtualClock;

/** The ways of calling that the simulation compares. */
public enum ClientKind {
    /** One attempt on the primary. */
    NO_RESILIENCE("no resilience"),
    /** Six attempts on the primary, 200 ms apart. */
    PLAIN_RETRY_6("plain retry x6 (200 ms)"),
    /** Seed-style code: primary, then the next endpoint at once, then the last. */
    PLAIN_FAILOVER("plain failover loop, 3 endpoints"),
    /** Resilience4j retry (defaults) + real Resilience4j circuit breaker (defaults) on the primary. */
    RESILIENCE4J("Resilience4j retry+breaker, 1 endpoint"),
    /** A LiteLLM-Router-like client: retries, fallbacks, allowed_fails then cooldown. */
    LITELLM_ROUTER("LiteLLM-Router-like, 3 endpoints"),
    /** llm-retry, SPEC defaults, three endpoints. */
    LLM_RETRY("llm-retry defaults, 3 endpoints"),
    /** The same with the retry budget turned off ({@code retry-budget: off}). */
    LLM_RETRY_NO_BUDGET("llm-retry, retry budget off");

    private final String label;

    ClientKind(String label) {
        this.label = label;
    }

    /** How the report names it. */
    public String label() {
        return label;
    }

    Client create(VirtualClock clock, World world, long seed, long attemptTimeoutNanos) {
        return switch (this) {
            case NO_RESILIENCE -> new PlainRetryClient(clock, world, 1, 0, attemptTimeoutNanos);
            case PLAIN_RETRY_6 -> new PlainRetryClient(clock, world, 6, 200_000_000L, attemptTimeoutNanos);
            case PLAIN_FAILOVER -> new PlainFailoverClient(world, attemptTimeoutNanos);
            case RESILIENCE4J -> new Resilience4jClient(clock, world, attemptTimeoutNanos);
            case LITELLM_ROUTER -> new LiteLlmRouterClient(clock, world, attemptTimeoutNanos);
            case LLM_RETRY -> new LlmRetryClient(clock, world, seed, true, attemptTimeoutNanos);
            case LLM_RETRY_NO_BUDGET -> new LlmRetryClient(clock, world, seed, false, attemptTimeoutNanos);
        };
    }
}
