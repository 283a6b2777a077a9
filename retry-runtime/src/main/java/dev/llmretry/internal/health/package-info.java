/**
 * Per-endpoint health: striped request counters and a recent success-rate window, and the
 * {@link dev.llmretry.health.HealthReport} that {@code LlmResilience.health()} returns (with the seeds' JSON shape).
 * Its persistence: {@link dev.llmretry.internal.health.HealthWriter} writes the health file off the call path, and
 * {@link dev.llmretry.internal.health.HealthStore} reads it at start and merges writes with other instances sharing it.
 */
package dev.llmretry.internal.health;
