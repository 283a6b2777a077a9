package dev.llmretry.spring;

import dev.llmretry.LlmResilience;
import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthState;
import dev.llmretry.health.HealthReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The Actuator health contributor {@code llmRetry}: every endpoint and named circuit breaker of
 * {@code LlmResilience.health()} as details, and a status that says whether LLM calls can still be answered:
 * <ul>
 *   <li>{@code UP} while at least one circuit is closed or half-open, also when some are open: calls fail over to
 *       the others, so the application still answers (the open ones are listed in {@code open_circuits});</li>
 *   <li>{@code DOWN} when every circuit is open (calls fail at once, apart from last-resort probes), or when no
 *       retry.yaml is in force ({@code configuration: config_error}).</li>
 * </ul>
 * Keep it out of liveness probes: restarting the application does not bring an LLM server back. Thread-safe.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/health/llmRetry
 * # {"status":"UP","details":{"open_circuits":["iag"],"iag":{"state":"circuit_open",...},"oneapi":{...}}}
 * }</pre>
 */
public class LlmRetryHealthIndicator implements HealthIndicator {
    @Override
    public Health health() {
        HealthReport report = LlmResilience.health();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        boolean configError = false;
        for (EndpointStatus s : report.endpoints().values()) {
            if (s.state() == HealthState.CIRCUIT_OPEN) open.add(s.name());
            if (s.state() == HealthState.CONFIG_ERROR) configError = true;
            details.put(s.name(), details(s));
        }
        boolean allOpen = !report.endpoints().isEmpty() && open.size() == report.endpoints().size();
        Health.Builder health = configError || allOpen ? Health.down() : Health.up();
        if (!open.isEmpty()) health.withDetail("open_circuits", open);
        return health.withDetails(details).build();
    }

    /** The fields of SPEC §7's health JSON, by the same names. */
    static Map<String, Object> details(EndpointStatus s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("state", s.state().toString()); // "circuit_open", as in the health JSON
        d.put("success_rate", Math.round(s.successRate() * 100) / 100.0);
        d.put("consecutive_failures", s.consecutiveFailures());
        d.put("total_requests", s.totalRequests());
        if (s.lastError() != null) d.put("last_error", s.lastError());
        if (s.nextProbeAt() != null) d.put("next_probe_at", s.nextProbeAt().toString());
        return d;
    }
}
