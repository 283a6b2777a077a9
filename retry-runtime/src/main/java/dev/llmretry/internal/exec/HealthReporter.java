package dev.llmretry.internal.exec;

import dev.llmretry.health.EndpointStatus;
import dev.llmretry.health.HealthReport;
import dev.llmretry.health.HealthState;
import dev.llmretry.internal.health.HealthReports;
import dev.llmretry.time.TimeSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The health of every configured endpoint and named breaker right now, as {@code LlmResilience.health()} and the
 * health file show it. It never throws for want of a configuration: while none can be used, an entry
 * {@value #CONFIGURATION_ENTRY} says why, so a health endpoint built on it keeps answering. Thread-safe.
 *
 * <pre>{@code
 * HealthReport report = new HealthReporter(registry, () -> clock).report();
 * report.endpoint("iag").state();   // HEALTHY, CIRCUIT_OPEN, ...
 * }</pre>
 */
final class HealthReporter {
    /** The name of the health entry that reports a configuration that cannot be used. */
    static final String CONFIGURATION_ENTRY = "configuration";

    private final TargetRegistry targets;
    private final Supplier<TimeSource> time;

    HealthReporter(TargetRegistry targets, Supplier<TimeSource> time) {
        this.targets = targets;
        this.time = time;
    }

    /**
     * Every target's status. While no configuration is in force (the first load failed and no reload has succeeded),
     * an entry {@value #CONFIGURATION_ENTRY} with state {@code config_error} and the error (one line, secrets masked)
     * as {@code last_error} comes first, then the named breakers.
     */
    HealthReport report() {
        long now = time.get().nanoTime();
        Map<String, EndpointStatus> out = new LinkedHashMap<>();
        List<TargetView> all;
        try {
            all = targets.all();
        } catch (RuntimeException e) {
            out.put(CONFIGURATION_ENTRY, configurationError(e));
            all = targets.namedBreakers();
        }
        for (TargetView t : all) out.put(t.name(), HealthReports.status(t.name(), t.breaker(), t.health(), now));
        return new HealthReport(out);
    }

    /** The health entry that stands for a configuration that cannot be used. */
    private EndpointStatus configurationError(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String oneLine = Redactor.none().mask(message.strip().replaceAll("\\s*\\n\\s*", "; "));
        return new EndpointStatus(CONFIGURATION_ENTRY, HealthState.CONFIG_ERROR, 0.0, 0, 0, oneLine, time.get().now(), null);
    }
}
