package dev.llmretry.internal.health;

import dev.llmretry.health.EndpointStatus;

import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.breaker.CircuitState;
import java.time.Instant;

/**
 * Turns a breaker and its counters into the status users see ({@code healthy}, {@code degraded} ...).
 *
 * <pre>{@code
 * EndpointStatus s = HealthReports.status("iag", breaker, health, time.nanoTime());
 * }</pre>
 */
public final class HealthReports {
    /** Below this recent success rate a closed endpoint is reported as degraded. */
    public static final double DEGRADED_BELOW = 0.9;

    private HealthReports() {
    }

    public static EndpointStatus status(String name, CircuitBreaker b, EndpointHealth h, long nowNanos) {
        CircuitState state = b == null ? CircuitState.CLOSED : b.state();
        double rate = h == null ? 1.0 : h.successRate(nowNanos);
        int consecutive = b == null ? 0 : b.consecutiveFailures();
        String label = switch (state) {
            case OPEN -> "circuit_open";
            case HALF_OPEN -> "half_open";
            case CLOSED -> consecutive > 0 || rate < DEGRADED_BELOW ? "degraded" : "healthy";
        };
        Instant probe = state == CircuitState.OPEN ? b.retryAt() : null;
        return new EndpointStatus(name, label, rate, consecutive, h == null ? 0 : h.totalRequests(),
                h == null ? null : h.lastError(), h == null ? null : h.lastErrorAt(), probe);
    }
}
