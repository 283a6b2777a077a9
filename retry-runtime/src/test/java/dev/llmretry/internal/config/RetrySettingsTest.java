package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmretry.annotation.Jitter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrySettingsTest {

    @Test
    void defaults_haveTheDocumentedValues() {
        RetrySettings d = RetrySettings.defaults();
        assertEquals(6, d.maxAttempts());
        assertEquals(Duration.ofSeconds(1), d.initialBackoff());
        assertEquals(Duration.ofSeconds(30), d.maxBackoff());
        assertEquals(2.0, d.multiplier());
        assertEquals(Jitter.FULL, d.jitter());
        assertEquals(Duration.ofMinutes(5), d.maxDuration());
        assertEquals(Duration.ofSeconds(60), d.maxRetryAfter());
        assertNull(d.attemptTimeout());
    }

    @Test
    void patch_apply_replacesOnlyItsKeys() {
        RetrySettings s = RetrySettings.defaults()
                .apply(SettingsPatch.retry("s", "").put("max-attempts", 3).put("attempt-timeout", "2s").build());
        assertEquals(3, s.maxAttempts());
        assertEquals(Duration.ofSeconds(2), s.attemptTimeout());
        assertEquals(Duration.ofSeconds(1), s.initialBackoff());
        assertEquals(Jitter.FULL, s.jitter());
    }

    @Test
    void attemptTimeoutNone_apply_removesInheritedTimeout() {
        RetrySettings withTimeout = RetrySettings.defaults()
                .apply(SettingsPatch.retry("s", "").put("attempt-timeout", "2s").build());
        assertNull(withTimeout.apply(SettingsPatch.retry("s", "").put("attempt-timeout", "none").build()).attemptTimeout());
    }

    @Test
    void initialAboveMax_apply_failsNamingBothKeys() {
        SettingsPatch patch = SettingsPatch.retry("retry.yaml", "retry.slow").put("initial-backoff", "40s").build();
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> RetrySettings.defaults().apply(patch));
        assertEquals("retry.yaml: retry.slow.initial-backoff was 40s, must be <= max-backoff (30s). Lower initial-backoff or raise max-backoff.", e.getMessage());
    }

    @Test
    void maxBelowInitial_apply_blamesMaxBackoff() {
        SettingsPatch patch = SettingsPatch.retry("@LlmRetry on a.B#c", "").put("max-backoff", "500ms").build();
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> RetrySettings.defaults().apply(patch));
        assertEquals("@LlmRetry on a.B#c: max-backoff was 500ms, must be >= initial-backoff (1s). Lower initial-backoff or raise max-backoff.", e.getMessage());
    }

    @Test
    void layersThatDisagreeOnlyInBetween_applyAll_checkedOnceAtTheEnd() {
        SettingsPatch annotation = SettingsPatch.retry("@LlmRetry on a.B#c", "").put("initial-backoff", "40s").build();
        SettingsPatch methods = SettingsPatch.retry("retry.yaml", "methods.\"a.B#c\".retry").put("max-backoff", "1m").build();
        RetrySettings s = RetrySettings.defaults().apply(List.of(annotation, methods));
        assertEquals(Duration.ofSeconds(40), s.initialBackoff());
        assertEquals(Duration.ofMinutes(1), s.maxBackoff());
    }

    @Test
    void breakerPatch_applyToRetry_rejected() {
        SettingsPatch breaker = SettingsPatch.breaker("s", "").put("failure-threshold", 2).build();
        assertThrows(IllegalArgumentException.class, () -> RetrySettings.defaults().apply(breaker));
    }

    @Test
    void sameValues_equalAndSameHash_differentValues_notEqual() {
        RetrySettings a = RetrySettings.defaults().apply(SettingsPatch.retry("a", "").put("max-attempts", 3).build());
        RetrySettings b = RetrySettings.defaults().apply(SettingsPatch.retry("b", "x").put("max-attempts", "3").build());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, RetrySettings.defaults());
    }

    @Test
    void defaults_toString_showsYamlKeys() {
        assertEquals("RetrySettings{max-attempts=6, initial-backoff=1s, max-backoff=30s, multiplier=2.0, jitter=full, "
                + "max-duration=5m, max-retry-after=1m, attempt-timeout=none}", RetrySettings.defaults().toString());
    }
}
