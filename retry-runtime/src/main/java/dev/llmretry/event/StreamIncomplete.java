package dev.llmretry.event;

import java.time.Instant;

/**
 * A streamed result failed after {@code elementsDelivered} elements had reached the consumer. It is not retried
 * (the consumer must not see text twice); the failure propagates to the consumer unchanged.
 *
 * <pre>{@code
 * public void onStreamIncomplete(StreamIncomplete e) { ui.markTruncated(e.callId()); }
 * }</pre>
 */
public record StreamIncomplete(long callId, String method, Instant time, String endpoint, long elementsDelivered,
                               Throwable cause, String causeSummary) implements LlmRetryEvent {
}
