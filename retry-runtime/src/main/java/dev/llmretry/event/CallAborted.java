package dev.llmretry.event;

import java.time.Instant;

/**
 * The call ended at once on a failure that retrying or another endpoint cannot fix (a 400, a context-length error, a
 * content-policy refusal, a programming error): {@code cause} is rethrown to the caller unchanged. Not critical for
 * the endpoints (nothing is wrong with them), but the call failed: metrics count it as failed.
 *
 * <pre>{@code
 * public void onAborted(CallAborted e) { badRequests.increment(e.reason()); }
 * }</pre>
 *
 * @param attempts how many attempts were made, this one included
 * @param endpoint where the failing attempt went
 * @param reason   the classification's reason, e.g. {@code "bad_request"}, {@code "context_length"}
 */
public record CallAborted(long callId, String method, Instant time, int attempts, String endpoint, String reason,
                          Throwable cause, String causeSummary) implements LlmRetryEvent {
}
