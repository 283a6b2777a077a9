package dev.llmretry.event;

import java.time.Instant;

/**
 * The call moved from endpoint {@code from} to endpoint {@code to} without waiting, because {@code reason}
 * (a FAILOVER-class failure such as {@code "quota_exhausted"}, {@code "circuit_open"}; {@code "endpoint_failing"}
 * when this call met {@code failure-threshold} failures in a row there although the circuit stayed closed;
 * {@code "deadline"} when the next wait there would not fit {@code max-duration}; {@code "retry_budget"} when the
 * endpoint's retry budget was spent).
 *
 * <pre>{@code
 * public void onFailover(FailedOver e) { log.warn("{} -> {} ({})", e.from(), e.to(), e.reason()); }
 * }</pre>
 */
public record FailedOver(long callId, String method, Instant time, int attempt, String from, String to,
                         String reason, Throwable cause, String causeSummary) implements LlmRetryEvent {
    @Override
    public String toString() {
        return "FailedOver[call " + callId + " " + method + ", " + from + " -> " + to + " (" + reason + "): "
                + causeSummary + "]";
    }
}
