package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import dev.llmretry.annotation.Jitter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolved retry policy: how many attempts, how long to wait between them, and the overall deadline. Immutable and
 * thread-safe; every instance is valid. New instances come from {@link #defaults()} and {@link #apply}.
 *
 * <pre>{@code
 * RetrySettings settings = RetrySettings.defaults()
 *         .apply(SettingsPatch.retry("my code", "").put("max-attempts", 3).put("jitter", "none").build());
 * settings.maxAttempts();     // 3
 * settings.initialBackoff();  // PT1S
 * }</pre>
 */
public final class RetrySettings {
    private static final RetrySettings DEFAULTS = new RetrySettings(6, Duration.ofSeconds(1), Duration.ofSeconds(30),
            2.0, Jitter.FULL, Duration.ofMinutes(5), Duration.ofSeconds(60), null);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final Jitter jitter;
    private final Duration maxDuration;
    private final Duration maxRetryAfter;
    private final Duration attemptTimeout;

    private RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          Jitter jitter, Duration maxDuration, Duration maxRetryAfter, Duration attemptTimeout) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.maxDuration = maxDuration;
        this.maxRetryAfter = maxRetryAfter;
        this.attemptTimeout = attemptTimeout;
    }

    /** The built-in values: 6 attempts, 1s doubling to 30s, full jitter, 5m deadline, 60s Retry-After cap, no attempt timeout. */
    public static RetrySettings defaults() {
        return DEFAULTS;
    }

    /** Total attempts across all endpoints, the first call included; at least 1. */
    public int maxAttempts() { return maxAttempts; }

    /** Delay before the first retry; at least zero. */
    public Duration initialBackoff() { return initialBackoff; }

    /** Upper bound of any backoff delay; at least {@link #initialBackoff()}. */
    public Duration maxBackoff() { return maxBackoff; }

    /** Growth factor of the delay; finite and at least 1.0. */
    public double multiplier() { return multiplier; }

    /** Randomisation of the delay; never {@link Jitter#POLICY}. */
    public Jitter jitter() { return jitter; }

    /** Deadline for the whole call, every attempt and wait included; above zero. */
    public Duration maxDuration() { return maxDuration; }

    /** Longest {@code Retry-After} honoured; a longer one fails over instead. At least zero. */
    public Duration maxRetryAfter() { return maxRetryAfter; }

    /** Time limit of one attempt (for a stream, until its first element), or {@code null} for none. */
    public Duration attemptTimeout() { return attemptTimeout; }

    /** A copy with the patch's keys replaced; see {@link #apply(List)}. */
    public RetrySettings apply(SettingsPatch patch) {
        return apply(List.of(patch));
    }

    /**
     * A copy with each patch's keys replaced, in order (later patches win, key by key). The cross-field rule
     * {@code initial-backoff <= max-backoff} is checked once, at the end, so intermediate layers may disagree.
     *
     * @throws LlmRetryConfigException if the result breaks the rule; the problem names both keys and blames the
     *                                 last patch that set either
     * @throws IllegalArgumentException if a patch is not a retry patch
     */
    public RetrySettings apply(List<SettingsPatch> patches) {
        int attempts = maxAttempts;
        Duration initial = initialBackoff, max = maxBackoff, deadline = maxDuration, retryAfter = maxRetryAfter;
        Duration timeout = attemptTimeout;
        double growth = multiplier;
        Jitter randomisation = jitter;
        SettingsPatch blamed = null;
        for (SettingsPatch patch : patches) {
            if (patch.kind() != SettingsPatch.Kind.RETRY) {
                throw new IllegalArgumentException("not a retry patch: " + patch);
            }
            for (var entry : patch.values().entrySet()) {
                Object v = entry.getValue();
                switch (entry.getKey()) {
                    case "max-attempts": attempts = (Integer) v; break;
                    case "initial-backoff": initial = (Duration) v; blamed = patch; break;
                    case "max-backoff": max = (Duration) v; blamed = patch; break;
                    case "multiplier": growth = (Double) v; break;
                    case "jitter": randomisation = (Jitter) v; break;
                    case "max-duration": deadline = (Duration) v; break;
                    case "max-retry-after": retryAfter = (Duration) v; break;
                    case "attempt-timeout": timeout = ((Optional<?>) v).map(Duration.class::cast).orElse(null); break;
                    default: throw new IllegalStateException("unhandled retry key " + entry.getKey());
                }
            }
        }
        if (initial.compareTo(max) > 0) {
            throw LlmRetryConfigException.of(blamed.source(), SettingMessages.backoffOrder(blamed, initial, max));
        }
        return new RetrySettings(attempts, initial, max, growth, randomisation, deadline, retryAfter, timeout);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RetrySettings)) return false;
        RetrySettings that = (RetrySettings) o;
        return maxAttempts == that.maxAttempts && Double.compare(multiplier, that.multiplier) == 0
                && initialBackoff.equals(that.initialBackoff) && maxBackoff.equals(that.maxBackoff)
                && jitter == that.jitter && maxDuration.equals(that.maxDuration)
                && maxRetryAfter.equals(that.maxRetryAfter) && Objects.equals(attemptTimeout, that.attemptTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, maxDuration, maxRetryAfter,
                attemptTimeout);
    }

    @Override
    public String toString() {
        return "RetrySettings{max-attempts=" + maxAttempts + ", initial-backoff=" + Durations.exact(initialBackoff)
                + ", max-backoff=" + Durations.exact(maxBackoff) + ", multiplier=" + multiplier
                + ", jitter=" + ValueParsers.yamlName(jitter) + ", max-duration=" + Durations.exact(maxDuration)
                + ", max-retry-after=" + Durations.exact(maxRetryAfter) + ", attempt-timeout="
                + (attemptTimeout == null ? "none" : Durations.exact(attemptTimeout)) + "}";
    }
}
