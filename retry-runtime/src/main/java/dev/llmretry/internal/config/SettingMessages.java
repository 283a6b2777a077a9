package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import java.time.Duration;

/**
 * The sentences about retry and circuit-breaker values, each written once: ranges ({@code max-attempts >= 1}), the
 * order of the backoffs, a deadline shorter than the first backoff. retry.yaml, {@code methods:} entries,
 * annotations read at run time, {@code LlmCall}'s builder and the annotation processor all print these; only the
 * key names follow the source ({@link SettingsPatch.Naming}: {@code max-attempts} in retry.yaml and for
 * {@code LlmCall}, {@code maxAttempts} for an annotation attribute). Stateless.
 *
 * <pre>{@code
 * // retry.yaml:  retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.
 * // @LlmRetry:   maxAttempts was 0, must be >= 1. Use 1 for a single attempt.
 * SettingMessages.deadlineBeforeBackoff(SettingsPatch.Naming.ATTRIBUTE, Duration.ofSeconds(2), Duration.ofSeconds(5));
 * // "maxDuration (2s) is shorter than initialBackoff (5s), so the deadline passes before ..."
 * }</pre>
 */
public final class SettingMessages {
    /** What {@code max-attempts} below 1 is told to write instead. */
    static final String MAX_ATTEMPTS_FIX = "Use 1 for a single attempt.";
    /** What {@code multiplier} below 1.0 is told to write instead. */
    static final String MULTIPLIER_FIX = "Use 1.0 for a constant backoff or 2.0 to double it.";

    private SettingMessages() {
    }

    /** {@code "<key path> was <value>, must be <expected>"}, then the fix when there is one. */
    static ConfigProblem invalid(String keyPath, String value, String expected, String fix) {
        ConfigProblem problem = ConfigProblem.invalid(keyPath, value, expected);
        return fix == null ? problem : ConfigProblem.of(keyPath, value, expected, problem.message() + ". " + fix);
    }

    /**
     * {@code initial-backoff} longer than {@code max-backoff}: blames {@code max-backoff} when {@code blamed} set it,
     * else {@code initial-backoff}, named as {@code blamed} names its keys.
     *
     * <pre>{@code
     * // "retry.default.initial-backoff was 1m, must be <= max-backoff (30s). Lower initial-backoff or raise max-backoff."
     * // "maxBackoff was 2s, must be >= initialBackoff (10s). Lower initialBackoff or raise maxBackoff."
     * }</pre>
     */
    public static ConfigProblem backoffOrder(SettingsPatch blamed, Duration initial, Duration max) {
        String suffix = blamed.source().equals(LlmRetryConfig.BUILT_IN) ? " (built-in value)" : "";
        String initialKey = blamed.naming().name("initial-backoff");
        String maxKey = blamed.naming().name("max-backoff");
        String fix = "Lower " + initialKey + " or raise " + maxKey + ".";
        if (blamed.keys().contains("max-backoff")) {
            return invalid(blamed.keyPath("max-backoff"), Display.value(max) + suffix,
                    ">= " + initialKey + " (" + Display.value(initial) + ")", fix);
        }
        return invalid(blamed.keyPath("initial-backoff"), Display.value(initial) + suffix,
                "<= " + maxKey + " (" + Display.value(max) + ")", fix);
    }

    /**
     * A deadline shorter than the first backoff: legal, but the call is never retried. The processor warns about it
     * ({@code LLMR-102}), whether the two values are written on the annotation or come from its policy.
     */
    public static String deadlineBeforeBackoff(SettingsPatch.Naming naming, Duration maxDuration, Duration initial) {
        String deadlineKey = naming.name("max-duration");
        String initialKey = naming.name("initial-backoff");
        return deadlineKey + " (" + Display.value(maxDuration) + ") is shorter than " + initialKey + " ("
                + Display.value(initial) + "), so the deadline passes before the first retry and the call is never "
                + "retried. Raise " + deadlineKey + " or lower " + initialKey + ".";
    }
}
