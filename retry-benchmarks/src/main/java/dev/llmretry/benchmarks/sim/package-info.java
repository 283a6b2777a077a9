/**
 * The outcome simulation: the seeds' failure situations played in virtual time against four clients (no
 * resilience, plain retry, a Resilience4j retry + breaker on one endpoint, and llm-retry itself through its woven
 * async advice), reporting what a user and an endpoint operator see. Deterministic: seeded randomness, a
 * {@link dev.llmretry.testing.VirtualClock}, one thread.
 */
package dev.llmretry.benchmarks.sim;
