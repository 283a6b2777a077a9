package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A resolved circuit-breaker policy: when a circuit opens, for how long, and how much retrying its endpoint may take.
 * <ul>
 *   <li>The circuit opens after {@code failureThreshold} consecutive counted failures while at least
 *       {@code minFailureRate} of the endpoint's requests in the health window failed (noise does not isolate an
 *       endpoint that still answers most requests), or after {@code outageThreshold} consecutive failures whatever
 *       the rate (an endpoint that fails everything is isolated within a few requests, however busy it was before).
 *       The optional count-window rule ({@code failureRateThreshold} over {@code slidingWindowSize} calls, after
 *       {@code minimumCalls}) is a further trigger.</li>
 *   <li>An endpoint that answered nothing in the health window stays open {@code recoveryTime}; one that still
 *       answered some requests (overloaded, not down) first for {@code minRecoveryTime}, doubling with each failed
 *       probe up to {@code recoveryTime}.</li>
 *   <li>Retries on the endpoint are limited to {@code retryBudget} of its requests in the health window plus
 *       {@code minRetriesPerSecond}, so a degraded fleet is not hit with a multiple of its load.</li>
 * </ul>
 * Immutable and thread-safe; every instance is valid.
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
            20, 10, 0.5, 10, Duration.ofSeconds(5), 0.2, 0.1);

    private final int failureThreshold;
    private final Duration recoveryTime;
    private final int successThreshold;
    private final int halfOpenMaxCalls;
    private final double failureRateThreshold;
    private final int slidingWindowSize;
    private final int minimumCalls;
    private final double minFailureRate;
    private final int outageThreshold;
    private final Duration minRecoveryTime;
    private final double retryBudget;
    private final double minRetriesPerSecond;

    private BreakerSettings(int failureThreshold, Duration recoveryTime, int successThreshold, int halfOpenMaxCalls,
                            double failureRateThreshold, int slidingWindowSize, int minimumCalls, double minFailureRate,
                            int outageThreshold, Duration minRecoveryTime, double retryBudget,
                            double minRetriesPerSecond) {
        this.failureThreshold = failureThreshold;
        this.recoveryTime = recoveryTime;
        this.successThreshold = successThreshold;
        this.halfOpenMaxCalls = halfOpenMaxCalls;
        this.failureRateThreshold = failureRateThreshold;
        this.slidingWindowSize = slidingWindowSize;
        this.minimumCalls = minimumCalls;
        this.minFailureRate = minFailureRate;
        this.outageThreshold = outageThreshold;
        this.minRecoveryTime = minRecoveryTime;
        this.retryBudget = retryBudget;
        this.minRetriesPerSecond = minRetriesPerSecond;
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

    /**
     * Share of the endpoint's recent requests (the health window) that must have failed for {@code failure-threshold}
     * consecutive failures to open the circuit; {@code NaN} (off) lets consecutive failures alone open it.
     */
    public double minFailureRate() { return minFailureRate; }

    /** Consecutive counted failures that open the circuit whatever the recent failure rate; at least 1. */
    public int outageThreshold() { return outageThreshold; }

    /**
     * How long a circuit first stays open when its endpoint still answered some recent requests (overloaded rather
     * than down); each failed probe doubles it, up to {@link #recoveryTime()}. Above zero.
     */
    public Duration minRecoveryTime() { return minRecoveryTime; }

    /** Retries allowed on the endpoint as a share of its requests in the health window, or {@code NaN} for no budget. */
    public double retryBudget() { return retryBudget; }

    /** Retries per second always allowed on the endpoint on top of the budget's share; at least 0. */
    public double minRetriesPerSecond() { return minRetriesPerSecond; }

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
        double rate = failureRateThreshold, minRate = minFailureRate, budget = retryBudget;
        double minRetries = minRetriesPerSecond;
        int outage = outageThreshold;
        Duration minRecovery = minRecoveryTime;
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
                    case "min-failure-rate": minRate = (Double) v; break;
                    case "outage-threshold": outage = (Integer) v; break;
                    case "min-recovery-time": minRecovery = (Duration) v; break;
                    case "retry-budget": budget = (Double) v; break;
                    case "min-retries-per-second": minRetries = (Double) v; break;
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
        return new BreakerSettings(failures, recovery, successes, trials, rate, window, minimum, minRate, outage,
                minRecovery, budget, minRetries);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof BreakerSettings)) return false;
        BreakerSettings that = (BreakerSettings) o;
        return failureThreshold == that.failureThreshold && recoveryTime.equals(that.recoveryTime)
                && successThreshold == that.successThreshold && halfOpenMaxCalls == that.halfOpenMaxCalls
                && Double.compare(failureRateThreshold, that.failureRateThreshold) == 0
                && slidingWindowSize == that.slidingWindowSize && minimumCalls == that.minimumCalls
                && Double.compare(minFailureRate, that.minFailureRate) == 0 && outageThreshold == that.outageThreshold
                && minRecoveryTime.equals(that.minRecoveryTime) && Double.compare(retryBudget, that.retryBudget) == 0
                && Double.compare(minRetriesPerSecond, that.minRetriesPerSecond) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureThreshold, recoveryTime, successThreshold, halfOpenMaxCalls, failureRateThreshold,
                slidingWindowSize, minimumCalls, minFailureRate, outageThreshold, minRecoveryTime, retryBudget,
                minRetriesPerSecond);
    }

    @Override
    public String toString() {
        return "BreakerSettings{failure-threshold=" + failureThreshold + ", recovery-time="
                + Durations.exact(recoveryTime) + ", success-threshold=" + successThreshold + ", half-open-max-calls="
                + halfOpenMaxCalls + ", failure-rate-threshold=" + (failureRateEnabled() ? failureRateThreshold : "off")
                + ", sliding-window-size=" + slidingWindowSize + ", minimum-calls=" + minimumCalls
                + ", min-failure-rate=" + (Double.isNaN(minFailureRate) ? "off" : minFailureRate)
                + ", outage-threshold=" + outageThreshold + ", min-recovery-time=" + Durations.exact(minRecoveryTime)
                + ", retry-budget=" + (Double.isNaN(retryBudget) ? "off" : retryBudget)
                + ", min-retries-per-second=" + minRetriesPerSecond + "}";
    }
}
