package dev.llmretry.annotation;

/**
 * The order in which a {@link Failover} method tries its endpoints. Endpoints whose circuit is open are skipped
 * whatever the strategy.
 *
 * <pre>{@code @Failover(endpoints = {"iag", "oneapi"}, strategy = FailoverStrategy.SUCCESS_RATE)}</pre>
 */
public enum FailoverStrategy {
    /** Unset: take the strategy of {@code failover.strategy} in retry.yaml. */
    POLICY,
    /** Endpoints in the order of their {@code priority} (then the order they are listed). */
    PRIORITY,
    /** The endpoint with the best recent success rate first. */
    SUCCESS_RATE,
    /** Each call starts at the next endpoint in turn, spreading load. */
    ROUND_ROBIN
}
