package dev.llmretry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A resolved circuit-breaker policy. The circuit opens after {@code failureThreshold} consecutive counted failures,
 * or, when the failure-rate rule is on, when at least {@code minimumCalls} of the last {@code slidingWindowSize}
 * calls were made and the share of failures among them reached {@code failureRateThreshold}. Immutable and
 * thread-safe; every instance is valid.
 *
 * <pre>{@code
 * BreakerSettings settings = BreakerSettings.defaults()
 *         .apply(SettingsPatch.breaker("retry.yaml", "circuit-breaker.default")
 *                 .put("failure-threshold", 5).put("failure-rate-threshold", "50%").build());
 * settings.failureRateEnabled();   // true
 * }</pre>
 */
public final class BreakerSettings {
    private static final BreakerSettings DEFAULTS = new BreakerSettings(3, Duration.ofSeconds(120), 2, 2, Double.NaN,
            20, 10);

    private final int failureThreshold;
    private final Duration recoveryTime;
    private final int successThreshold;
    private final int halfOpenMaxCalls;
    private final double failureRateThreshold;
    private final int slidingWindowSize;
    private final int minimumCalls;

    private BreakerSettings(int failureThreshold, Duration recoveryTime, int successThreshold, int halfOpenMaxCalls,
                            double failureRateThreshold, int slidingWindowSize, int minimumCalls) {
        this.failureThreshold = failureThreshold;
        this.recoveryTime = recoveryTime;
        this.successThreshold = successThreshold;
        this.halfOpenMaxCalls = halfOpenMaxCalls;
        this.failureRateThreshold = failureRateThreshold;
        this.slidingWindowSize = slidingWindowSize;
        this.minimumCalls = minimumCalls;
    }

    /** The built-in values: 3 failures open the circuit for 120s, 2 successes of at most 2 trial calls close it. */
    public static BreakerSettings defaults() {
        return DEFAULTS;
    }

    /** Consecutive counted failures that open the circuit; at least 1. */
    public int failureThreshold() { return failureThreshold; }

    /** How long an open circuit stays open before it is probed; above zero. */
    public Duration recoveryTime() { return recoveryTime; }

    /** Successful trial calls that close a half-open circuit; at least 1. */
    public int successThreshold() { return successThreshold; }

    /** Trial calls admitted at once while half-open; at least 1. */
    public int halfOpenMaxCalls() { return halfOpenMaxCalls; }

    /** Failure share in (0, 1] that opens the circuit, or {@code NaN} when the failure-rate rule is off. */
    public double failureRateThreshold() { return failureRateThreshold; }

    /** Whether the failure-rate rule is on. */
    public boolean failureRateEnabled() { return !Double.isNaN(failureRateThreshold); }

    /** Number of most recent calls the failure rate is computed over; at least 1. */
    public int slidingWindowSize() { return slidingWindowSize; }

    /** Calls needed in the window before the failure rate is judged; at least 1, at most the window size. */
    public int minimumCalls() { return minimumCalls; }

    /** A copy with the patch's keys replaced; see {@link #apply(List)}. */
    public BreakerSettings apply(SettingsPatch patch) {
        return apply(List.of(patch));
    }

    /**
     * A copy with each patch's keys replaced, in order (later patches win, key by key). When the failure-rate rule is
     * on, {@code minimum-calls <= sliding-window-size} is checked at the end.
     *
     * @throws LlmRetryConfigException if the result breaks that rule
     * @throws IllegalArgumentException if a patch is not a circuit-breaker patch
     */
    public BreakerSettings apply(List<SettingsPatch> patches) {
        int failures = failureThreshold, successes = successThreshold, trials = halfOpenMaxCalls;
        int window = slidingWindowSize, minimum = minimumCalls;
        Duration recovery = recoveryTime;
        double rate = failureRateThreshold;
        SettingsPatch blamed = null;
        for (SettingsPatch patch : patches) {
            if (patch.kind() != SettingsPatch.Kind.CIRCUIT_BREAKER) {
                throw new IllegalArgumentException("not a circuit-breaker patch: " + patch);
            }
            for (var entry : patch.values().entrySet()) {
                Object v = entry.getValue();
                switch (entry.getKey()) {
                    case "failure-threshold": failures = (Integer) v; break;
                    case "recovery-time": recovery = (Duration) v; break;
                    case "success-threshold": successes = (Integer) v; break;
                    case "half-open-max-calls": trials = (Integer) v; break;
                    case "failure-rate-threshold": rate = (Double) v; blamed = patch; break;
                    case "sliding-window-size": window = (Integer) v; blamed = patch; break;
                    case "minimum-calls": minimum = (Integer) v; blamed = patch; break;
                    default: throw new IllegalStateException("unhandled circuit-breaker key " + entry.getKey());
                }
            }
        }
        if (!Double.isNaN(rate) && minimum > window) {
            String key = blamed.keys().contains("sliding-window-size") ? "sliding-window-size" : "minimum-calls";
            ConfigProblem problem = key.equals("minimum-calls")
                    ? ConfigProblem.invalid(blamed.keyPath(key), String.valueOf(minimum), "<= sliding-window-size (" + window + ")")
                    : ConfigProblem.invalid(blamed.keyPath(key), String.valueOf(window), ">= minimum-calls (" + minimum + ")");
            throw LlmRetryConfigException.of(blamed.source(), problem);
        }
        return new BreakerSettings(failures, recovery, successes, trials, rate, window, minimum);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof BreakerSettings)) return false;
        BreakerSettings that = (BreakerSettings) o;
        return failureThreshold == that.failureThreshold && recoveryTime.equals(that.recoveryTime)
                && successThreshold == that.successThreshold && halfOpenMaxCalls == that.halfOpenMaxCalls
                && Double.compare(failureRateThreshold, that.failureRateThreshold) == 0
                && slidingWindowSize == that.slidingWindowSize && minimumCalls == that.minimumCalls;
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureThreshold, recoveryTime, successThreshold, halfOpenMaxCalls, failureRateThreshold,
                slidingWindowSize, minimumCalls);
    }

    @Override
    public String toString() {
        return "BreakerSettings{failure-threshold=" + failureThreshold + ", recovery-time="
                + Durations.exact(recoveryTime) + ", success-threshold=" + successThreshold + ", half-open-max-calls="
                + halfOpenMaxCalls + ", failure-rate-threshold=" + (failureRateEnabled() ? failureRateThreshold : "off")
                + ", sliding-window-size=" + slidingWindowSize + ", minimum-calls=" + minimumCalls + "}";
    }
}
