package dev.llmretry.event;

import java.time.Instant;

/**
 * The call returned a result from {@code endpoint} after {@code attempts} attempts.
 *
 * <pre>{@code
 * public void onSuccess(CallSucceeded e) { if (e.failedOver()) metrics.increment("failover.saved"); }
 * }</pre>
 */
public record CallSucceeded(long callId, String method, Instant time, String endpoint, int attempts,
                            boolean failedOver) implements LlmRetryEvent {
}
