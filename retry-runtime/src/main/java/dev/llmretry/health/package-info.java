/**
 * Per-endpoint health: striped request counters and a recent success-rate window, and the
 * {@link dev.llmretry.health.HealthReport} that {@code LlmResilience.health()} returns (with the seeds' JSON shape).
 */
package dev.llmretry.health;
