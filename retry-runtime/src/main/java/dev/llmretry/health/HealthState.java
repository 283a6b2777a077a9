package dev.llmretry.health;

import java.util.Locale;

/**
 * The state of an endpoint (or named circuit breaker) in the health report. {@link #toString()} is the name used in
 * the health JSON and logs ({@code "circuit_open"}).
 *
 * <pre>{@code
 * if (LlmResilience.health().endpoint("iag").state() == HealthState.CIRCUIT_OPEN) pager.warn("iag is down");
 * }</pre>
 */
public enum HealthState {
    /** Closed and answering. */
    HEALTHY,
    /** Closed, but failing recently (failures in a row, or a success rate below 90% in the window). */
    DEGRADED,
    /** One trial call at a time is probing whether the endpoint is back. */
    HALF_OPEN,
    /** Calls skip the endpoint until its next probe. */
    CIRCUIT_OPEN,
    /** The {@code configuration} entry while retry.yaml cannot be used. */
    CONFIG_ERROR;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The state named as in the health JSON ({@code "circuit_open"}), or null for an unknown name. */
    public static HealthState fromName(String name) {
        for (HealthState s : values()) if (s.wireName.equals(name)) return s;
        return null;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
