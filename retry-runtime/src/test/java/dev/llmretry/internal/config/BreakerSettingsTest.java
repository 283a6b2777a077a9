package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BreakerSettingsTest {

    @Test
    void defaults_haveTheDocumentedValues() {
        BreakerSettings d = BreakerSettings.defaults();
        assertEquals(3, d.failureThreshold());
        assertEquals(Duration.ofSeconds(120), d.recoveryTime());
        assertEquals(2, d.successThreshold());
        assertEquals(2, d.halfOpenMaxCalls());
        assertTrue(Double.isNaN(d.failureRateThreshold()));
        assertFalse(d.failureRateEnabled());
        assertEquals(20, d.slidingWindowSize());
        assertEquals(10, d.minimumCalls());
    }

    @Test
    void rateRule_apply_turnsItOnAndOff() {
        BreakerSettings on = BreakerSettings.defaults()
                .apply(SettingsPatch.breaker("s", "").put("failure-rate-threshold", "50%").build());
        assertTrue(on.failureRateEnabled());
        assertEquals(0.5, on.failureRateThreshold());
        BreakerSettings off = on.apply(SettingsPatch.breaker("s", "").put("failure-rate-threshold", "off").build());
        assertFalse(off.failureRateEnabled());
    }

    @Test
    void minimumCallsAboveWindowWithRateRule_apply_failsNamingBoth() {
        SettingsPatch patch = SettingsPatch.breaker("retry.yaml", "circuit-breaker.default")
                .put("failure-rate-threshold", 0.5).put("minimum-calls", 30).build();
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> BreakerSettings.defaults().apply(patch));
        assertEquals("retry.yaml: circuit-breaker.default.minimum-calls was 30, must be <= sliding-window-size (20)",
                e.getMessage());
    }

    @Test
    void minimumCallsAboveWindowWithoutRateRule_apply_isAccepted() {
        BreakerSettings s = BreakerSettings.defaults().apply(SettingsPatch.breaker("s", "").put("sliding-window-size", 5).build());
        assertEquals(5, s.slidingWindowSize());
    }

    @Test
    void retryPatch_applyToBreaker_rejected() {
        assertThrows(IllegalArgumentException.class, () -> BreakerSettings.defaults()
                .apply(SettingsPatch.retry("s", "").put("max-attempts", 2).build()));
    }

    @Test
    void equalSettings_equal_andToStringReadable() {
        BreakerSettings a = BreakerSettings.defaults().apply(SettingsPatch.breaker("a", "").put("failure-threshold", 5).build());
        BreakerSettings b = BreakerSettings.defaults().apply(SettingsPatch.breaker("b", "").put("failure-threshold", "5").build());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("BreakerSettings{failure-threshold=5, recovery-time=2m, success-threshold=2, half-open-max-calls=2, "
                + "failure-rate-threshold=off, sliding-window-size=20, minimum-calls=10, min-failure-rate=0.5, "
                + "outage-threshold=10, min-recovery-time=5s, retry-budget=0.2, min-retries-per-second=0.1}", a.toString());
    }
}
