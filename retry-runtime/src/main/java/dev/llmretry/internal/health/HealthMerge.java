package dev.llmretry.internal.health;

import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a write combines this instance's report with what the file already holds, so that instances sharing one file
 * do not erase each other's open circuits. Per entry: this instance's status wins, except over an open circuit that
 * another writer recorded and that is still open later than this instance's own (the later open-until is kept).
 * An entry this writer itself recorded open earlier is its own to change (a probe or a reset closed it); entries
 * this instance does not know (another instance's named breakers) are kept as they are.
 *
 * <pre>{@code
 * Map<String, Instant> recorded = new LinkedHashMap<>();
 * HealthReport merged = HealthMerge.merge(mine, inFile, now, recordedLastTime, recorded);
 * }</pre>
 */
final class HealthMerge {
    private static final Set<String> STATES = Set.of("healthy", "degraded", "half_open", "circuit_open");

    private HealthMerge() {
    }

    /**
     * @param ownOpen  open-until of the circuits this writer recorded open in its previous write
     * @param recorded receives the open-until of the circuits recorded open from {@code mine} in this write
     */
    static HealthReport merge(HealthReport mine, Map<String, EndpointStatus> theirs, Instant now,
                              Map<String, Instant> ownOpen, Map<String, Instant> recorded) {
        Map<String, EndpointStatus> out = new LinkedHashMap<>();
        for (EndpointStatus s : mine.endpoints().values()) {
            EndpointStatus other = theirs.get(s.name());
            boolean keepOther = other != null && other.nextProbeAt() != null && other.nextProbeAt().isAfter(now)
                    && !other.nextProbeAt().equals(ownOpen.get(s.name()))
                    && (s.nextProbeAt() == null || other.nextProbeAt().isAfter(s.nextProbeAt()));
            out.put(s.name(), keepOther ? other : s);
            if (!keepOther && s.nextProbeAt() != null) recorded.put(s.name(), s.nextProbeAt());
        }
        for (EndpointStatus other : theirs.values()) out.putIfAbsent(other.name(), other);
        return new HealthReport(out);
    }

    /** One entry of the file, or {@code null} when it is unusable (an open circuit needs a probe time). */
    static EndpointStatus parse(String name, Object value) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("state") instanceof String state) || !STATES.contains(state)) {
            return null;
        }
        Instant probe = null;
        if (state.equals("circuit_open")) {
            if (!(m.get("next_probe_at") instanceof String at)) return null;
            try {
                probe = Instant.parse(at);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        double rate = m.get("success_rate") instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1
                ? n.doubleValue() : 1.0;
        int failures = m.get("consecutive_failures") instanceof Number n ? (int) Math.max(0, Math.min(n.longValue(), Integer.MAX_VALUE)) : 0;
        long total = m.get("total_requests") instanceof Number n ? Math.max(0, n.longValue()) : 0;
        String error = m.get("last_error") instanceof String s ? s : null;
        return new EndpointStatus(name, state, rate, failures, total, error, null, probe);
    }
}
