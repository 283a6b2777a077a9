package dev.llmretry.processor;

import dev.llmretry.internal.config.SettingsPatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationValue;

/**
 * The checks of one {@code @LlmCircuitBreaker}: thresholds and recovery time (decided and worded by the runtime's
 * {@link SettingsPatch}), and one configuration per shared breaker
 * {@code name} across the compilation (two methods sharing a breaker with different settings would get whichever
 * was created first at run time). Remembers named breakers across rounds; not thread-safe.
 */
final class BreakerChecks {
    /** The count attributes with their retry.yaml keys. */
    private static final Map<String, String> COUNTS = Map.of("failureThreshold", "failure-threshold",
            "successThreshold", "success-threshold", "halfOpenMaxCalls", "half-open-max-calls");
    private static final List<String> SETTINGS = List.of("policy", "failureThreshold", "recoveryTime",
            "successThreshold", "halfOpenMaxCalls");

    private final Diagnostics diagnostics;
    private final Map<String, Named> byName = new HashMap<>();

    private record Named(Site site, Map<String, Object> settings) {
    }

    BreakerChecks(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param withFailover the annotated method (or type) also has {@code @Failover}: the breaker's settings are
     *                     ignored then
     */
    void check(Site site, boolean withFailover) {
        for (String count : List.of("failureThreshold", "successThreshold", "halfOpenMaxCalls")) {
            Integer value = site.intValue(count);
            String refused = value == null ? null : RetryChecks.refusal(patch(), COUNTS.get(count), value);
            if (refused != null) diagnostics.report(Check.BREAKER_COUNT, site, count, refused);
        }
        DurationAttributes.check(diagnostics, site, "recoveryTime", patch(), "recovery-time");
        if (!withFailover) sharedName(site); // else ignored, which DeclarationChecks says
    }

    /** The attributes as the runtime reads them; messages start with the annotation the diagnostic is attached to. */
    private static SettingsPatch.Builder patch() {
        return SettingsPatch.breakerAttributes("@LlmCircuitBreaker");
    }

    private void sharedName(Site site) {
        String name = site.stringValue("name");
        if (name == null || name.isEmpty()) return;
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String key : SETTINGS) {
            AnnotationValue value = site.value(key);
            if (value != null) settings.put(key, value.getValue());
        }
        Named first = byName.putIfAbsent(name, new Named(site, settings));
        if (first == null || first.settings().equals(settings)) return;
        diagnostics.report(Check.BREAKER_CONFLICT, site, "name", "@LlmCircuitBreaker(name = \"" + name + "\") is configured "
                + "differently here " + describe(settings) + " than on " + first.site().where() + " " + describe(first.settings())
                + "; a shared breaker has one configuration. Give both the same settings, or put them in a "
                + "circuit-breaker policy in retry.yaml and use policy = \"...\" on both.");
    }

    private static String describe(Map<String, Object> settings) {
        return settings.isEmpty() ? "(no settings)" : settings.toString().replace('{', '(').replace('}', ')');
    }
}
