package dev.llmretry.event;

import java.time.Instant;

/**
 * The call moved from endpoint {@code from} to endpoint {@code to} without waiting, because {@code reason}
 * (a FAILOVER-class failure such as {@code "quota_exhausted"}, {@code "circuit_open"}, or retries used up on it).
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
