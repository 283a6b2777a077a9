package dev.llmretry.health;

import java.time.Instant;

/**
 * The health of one endpoint (or named circuit breaker) at one moment.
 *
 * <pre>{@code
 * EndpointStatus iag = LlmResilience.health().endpoint("iag");
 * if (iag.state() == HealthState.CIRCUIT_OPEN) log.warn("iag is down until {}", iag.nextProbeAt());
 * }</pre>
 *
 * @param state               {@link HealthState}: healthy, degraded (closed, but failing recently), half_open,
 *                            circuit_open (or config_error for the {@code configuration} entry)
 * @param successRate         share of successful requests over the recent window (1.0 with no traffic)
 * @param consecutiveFailures counted failures in a row while closed
 * @param totalRequests       requests ever sent to it
 * @param lastError           the last failure in one line, secrets masked; {@code null} when none
 * @param nextProbeAt         when an open circuit admits its next trial call; {@code null} unless open
 */
public record EndpointStatus(String name, HealthState state, double successRate, int consecutiveFailures,
                             long totalRequests, String lastError, Instant lastErrorAt, Instant nextProbeAt) {
}
