package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;

import dev.llmretry.annotation.Jitter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The schema of retry and circuit-breaker policies: each key, in documentation order, with its value parser. */
final class SettingKeys {
    private SettingKeys() {
    }

    /** "x is not a known key, did you mean 'y'?", or the list of known keys when nothing is close. */
    static ConfigProblem unknownKey(String keyPath, String key, Set<String> known) {
        String suggestion = Suggestions.didYouMean(key, known);
        String expected = "one of " + String.join(", ", known);
        String message = keyPath + " is not a known key" + (suggestion.isEmpty() ? "; known keys: " + String.join(", ", known) : suggestion);
        return ConfigProblem.of(keyPath, null, expected, message);
    }

    static Map<String, ValueParsers.Parser> retry() {
        Map<String, ValueParsers.Parser> keys = new LinkedHashMap<>();
        keys.put("max-attempts", ValueParsers.intAtLeast(1, SettingMessages.MAX_ATTEMPTS_FIX));
        keys.put("initial-backoff", ValueParsers.duration(false));
        keys.put("max-backoff", ValueParsers.duration(false));
        keys.put("multiplier", ValueParsers.numberAtLeast(1.0, SettingMessages.MULTIPLIER_FIX));
        keys.put("jitter", ValueParsers.enumeration(Jitter.class, Jitter.POLICY));
        keys.put("max-duration", ValueParsers.duration(true));
        keys.put("max-retry-after", ValueParsers.duration(false));
        keys.put("attempt-timeout", ValueParsers.optionalDuration());
        return keys;
    }

    static Map<String, ValueParsers.Parser> breaker() {
        Map<String, ValueParsers.Parser> keys = new LinkedHashMap<>();
        keys.put("failure-threshold", ValueParsers.intAtLeast(1));
        keys.put("recovery-time", ValueParsers.duration(true));
        keys.put("success-threshold", ValueParsers.intAtLeast(1));
        keys.put("half-open-max-calls", ValueParsers.intAtLeast(1));
        keys.put("failure-rate-threshold", ValueParsers.rate());
        keys.put("sliding-window-size", ValueParsers.intAtLeast(1));
        keys.put("minimum-calls", ValueParsers.intAtLeast(1));
        keys.put("min-failure-rate", ValueParsers.rate());
        keys.put("outage-threshold", ValueParsers.intAtLeast(1));
        keys.put("min-recovery-time", ValueParsers.duration(true));
        keys.put("retry-budget", ValueParsers.rate());
        keys.put("min-retries-per-second", ValueParsers.numberAtLeast(0.0));
        return keys;
    }
}
