package dev.llmretry.health;

import dev.llmretry.internal.health.Json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The health of every endpoint and named circuit breaker, as {@code LlmResilience.health()} returns it. Immutable.
 *
 * <pre>{@code
 * String json = LlmResilience.health().toJson();
 * // {"iag":{"state":"healthy","success_rate":0.95,"consecutive_failures":0,"total_requests":150}, ...}
 * }</pre>
 */
public final class HealthReport {
    private final Map<String, EndpointStatus> endpoints;

    public HealthReport(Map<String, EndpointStatus> endpoints) {
        this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    /** By name, in configuration order. */
    public Map<String, EndpointStatus> endpoints() { return endpoints; }

    /** One endpoint's status, or {@code null} when unknown. */
    public EndpointStatus endpoint(String name) { return endpoints.get(name); }

    /**
     * The seeds' JSON shape: {@code state}, {@code success_rate}, {@code consecutive_failures},
     * {@code total_requests}, plus {@code last_error} and {@code next_probe_at} when present.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (EndpointStatus s : endpoints.values()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(Json.quote(s.name())).append(":{\"state\":").append(Json.quote(s.state()))
                    .append(",\"success_rate\":").append(String.format(Locale.ROOT, "%.2f", s.successRate()))
                    .append(",\"consecutive_failures\":").append(s.consecutiveFailures())
                    .append(",\"total_requests\":").append(s.totalRequests());
            if (s.lastError() != null) sb.append(",\"last_error\":").append(Json.quote(s.lastError()));
            if (s.nextProbeAt() != null) sb.append(",\"next_probe_at\":").append(Json.quote(s.nextProbeAt().toString()));
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    @Override
    public String toString() { return toJson(); }
}
