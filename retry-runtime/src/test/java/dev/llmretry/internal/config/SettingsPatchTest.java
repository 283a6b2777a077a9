package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.annotation.Jitter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsPatchTest {
    private static final String SOURCE = "@LlmRetry on com.acme.Chat#ask";

    private static String retryError(String key, Object raw) {
        return assertThrows(LlmRetryConfigException.class,
                () -> SettingsPatch.retry(SOURCE, "").put(key, raw)).getMessage();
    }

    private static String breakerError(String key, Object raw) {
        return assertThrows(LlmRetryConfigException.class,
                () -> SettingsPatch.breaker("@LlmCircuitBreaker on com.acme.Chat#ask", "").put(key, raw)).getMessage();
    }

    @Test
    void annotationMaxAttemptsZero_put_failsNamingSourceKeyValueAndRange() {
        assertEquals("@LlmRetry on com.acme.Chat#ask: max-attempts was 0, must be >= 1. Use 1 for a single attempt.", retryError("max-attempts", 0));
    }

    @Test
    void attributePatch_badValues_nameTheAttributes() {
        String source = "@LlmCircuitBreaker on com.acme.Chat#ask";
        assertEquals(source + ": halfOpenMaxCalls was 0, must be >= 1", assertThrows(LlmRetryConfigException.class,
                () -> SettingsPatch.breakerAttributes(source).put("half-open-max-calls", 0)).getMessage());
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> SettingsPatch.retryAttributes(SOURCE).put("max-attempts", 0));
        assertEquals(SOURCE + ": maxAttempts was 0, must be >= 1. Use 1 for a single attempt.", e.getMessage());
        assertEquals("maxAttempts", e.problems().get(0).keyPath());
    }

    @Test
    void yamlMaxAttemptsZero_put_failsWithKeyPath() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> SettingsPatch.retry("retry.yaml", "retry.default").put("max-attempts", "0"));
        assertEquals("retry.yaml: retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.", e.getMessage());
        assertEquals("retry.yaml", e.source());
        ConfigProblem problem = e.problems().get(0);
        assertEquals("retry.default.max-attempts", problem.keyPath());
        assertEquals("0", problem.value());
        assertEquals(">= 1", problem.expected());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "max-attempts | abc | max-attempts was abc, must be an integer >= 1",
            "max-attempts | 2.5 | max-attempts was 2.5, must be an integer >= 1",
            "max-attempts | 99999999999 | max-attempts was 99999999999, must be <= 2147483647",
            "initial-backoff | 5 parsecs | initial-backoff was 5 parsecs, must be a duration like 500ms, 2s, 1.5m, 1h, 1d or ISO-8601 PT2S",
            "initial-backoff | 5 | initial-backoff was 5, must be a duration like 500ms, 2s, 1.5m, 1h, 1d or ISO-8601 PT2S (a unit is required)",
            "initial-backoff | -1s | initial-backoff was -1s, must be >= 0",
            "max-duration | 0s | max-duration was 0s, must be > 0",
            "max-retry-after | -5s | max-retry-after was -5s, must be >= 0",
            "multiplier | 0.5 | multiplier was 0.5, must be >= 1.0. Use 1.0 for a constant backoff or 2.0 to double it.",
            "multiplier | twice | multiplier was twice, must be a number >= 1.0",
            "jitter | random | jitter was random, must be one of none, full, equal, decorrelated",
            "attempt-timeout | 0s | attempt-timeout was 0s, must be > 0 (or none)",
    })
    void badRetryValue_put_failsSayingWhatIsExpected(String key, String raw, String message) {
        assertEquals(SOURCE + ": " + message, retryError(key, raw));
    }

    /** A Duration handed over as an object gets the same cap as text: the runtime counts deadlines in long nanos. */
    @Test
    void durationObjectBeyondTheLargest_put_failsAsTextDoes() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> SettingsPatch.retry(SOURCE, "").put("max-duration", java.time.Duration.ofDays(200_000)));
        assertTrue(e.getMessage().contains("must be at most " + Durations.MOST), e.getMessage());
    }

    @Test
    void multiplierNaN_put_failsAsNotFinite() {
        assertEquals(SOURCE + ": multiplier was NaN, must be a finite number >= 1.0", retryError("multiplier", Double.NaN));
    }

    @Test
    void jitterPolicyConstant_put_failsBecausePolicyMeansUnset() {
        assertEquals(SOURCE + ": jitter was POLICY, must be one of none, full, equal, decorrelated",
                retryError("jitter", Jitter.POLICY));
    }

    @Test
    void misspeltKey_put_failsWithDidYouMean() {
        assertEquals(SOURCE + ": max-atempts is not a known key, did you mean 'max-attempts'?", retryError("max-atempts", 3));
        assertEquals(SOURCE + ": Max_Attempts is not a known key, did you mean 'max-attempts'?", retryError("Max_Attempts", 3));
        assertEquals(SOURCE + ": maxAttempts is not a known key, did you mean 'max-attempts'?", retryError("maxAttempts", 3));
        assertEquals(SOURCE + ": initialBackof is not a known key, did you mean 'initial-backoff'?", retryError("initialBackof", "1s"));
    }

    @Test
    void unrelatedKey_put_failsListingKnownKeys() {
        assertEquals(SOURCE + ": colour is not a known key; known keys: max-attempts, initial-backoff, max-backoff, "
                + "multiplier, jitter, max-duration, max-retry-after, attempt-timeout", retryError("colour", "red"));
    }

    @Test
    void breakerKeyInRetryPatch_put_failsAsUnknown() {
        assertTrue(retryError("failure-threshold", 3).contains("failure-threshold is not a known key"));
    }

    @Test
    void annotationStyleValues_put_areTyped() {
        SettingsPatch patch = SettingsPatch.retry(SOURCE, "").put("max-attempts", 4).put("initial-backoff", "250ms")
                .put("max-backoff", Duration.ofSeconds(8)).put("multiplier", 1.5).put("jitter", Jitter.EQUAL)
                .put("max-duration", "PT1M").put("max-retry-after", "0s").put("attempt-timeout", "10s").build();
        assertEquals(List.of("max-attempts", "initial-backoff", "max-backoff", "multiplier", "jitter", "max-duration",
                "max-retry-after", "attempt-timeout"), List.copyOf(patch.keys()));
        assertEquals(Optional.of(4), patch.value("max-attempts"));
        assertEquals(Optional.of(Duration.ofMillis(250)), patch.value("initial-backoff"));
        assertEquals(Optional.of(Jitter.EQUAL), patch.value("jitter"));
        assertEquals(Optional.of(Optional.of(Duration.ofSeconds(10))), patch.value("attempt-timeout"));
        assertFalse(patch.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"none, NONE", "FULL, FULL", "Equal, EQUAL", "decorrelated, DECORRELATED"})
    void jitterName_put_isCaseInsensitive(String text, Jitter expected) {
        assertEquals(Optional.of(expected), SettingsPatch.retry("s", "").put("jitter", text).build().value("jitter"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"50%, 0.5", "0.5, 0.5", "100%, 1.0", "1, 1.0", "12.5%, 0.125"})
    void failureRate_put_acceptsFractionOrPercent(String text, double expected) {
        assertEquals(Optional.of(expected),
                SettingsPatch.breaker("s", "").put("failure-rate-threshold", text).build().value("failure-rate-threshold"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0%", "0", "150%", "50", "-0.5", "half"})
    void badFailureRate_put_fails(String text) {
        assertEquals("@LlmCircuitBreaker on com.acme.Chat#ask: failure-rate-threshold was " + text
                        + ", must be a fraction in (0, 1] like 0.5, a percentage like 50%, or off",
                breakerError("failure-rate-threshold", text));
    }

    @Test
    void badBreakerValues_put_fail() {
        assertEquals("@LlmCircuitBreaker on com.acme.Chat#ask: failure-threshold was 0, must be >= 1",
                breakerError("failure-threshold", 0));
        assertEquals("@LlmCircuitBreaker on com.acme.Chat#ask: recovery-time was 0s, must be > 0",
                breakerError("recovery-time", "0s"));
        assertEquals("@LlmCircuitBreaker on com.acme.Chat#ask: half-open-max-calls was -2, must be >= 1",
                breakerError("half-open-max-calls", -2));
    }

    @Test
    void emptyPatch_isEmpty_andHasNoKeys() {
        SettingsPatch patch = SettingsPatch.empty(SettingsPatch.Kind.RETRY, "s", "p");
        assertTrue(patch.isEmpty());
        assertEquals(Set.of(), patch.keys());
        assertEquals("retry {}", patch.toString());
    }

    @Test
    void patch_toString_showsKeysAndValues() {
        SettingsPatch patch = SettingsPatch.retry("s", "").put("max-attempts", 3).put("attempt-timeout", "none").build();
        assertEquals("retry {max-attempts: 3, attempt-timeout: none}", patch.toString());
    }

    @Test
    void kinds_listTheirKeys() {
        assertEquals(8, SettingsPatch.Kind.RETRY.keys().size());
        assertEquals(List.of("failure-threshold", "recovery-time", "success-threshold", "half-open-max-calls",
                "failure-rate-threshold", "sliding-window-size", "minimum-calls", "min-failure-rate",
                "outage-threshold", "min-recovery-time", "retry-budget", "min-retries-per-second"),
                List.copyOf(SettingsPatch.Kind.CIRCUIT_BREAKER.keys()));
    }
}
