package dev.llmretry.event;

import java.time.Instant;

/**
 * A protected call is about to make its first attempt. Delivered only to listeners that override
 * {@link LlmRetryListener#onCallStarted} or {@link LlmRetryListener#onEvent}, so calls cost nothing extra otherwise;
 * the call's later events ({@link CallSucceeded}, {@link CallExhausted}, ...) carry the same {@link #callId()}. For
 * a sync call it arrives on the calling thread before the first attempt, so a tracing scope opened here is current
 * while the attempts run.
 *
 * <pre>{@code
 * public void onCallStarted(CallStarted e) { timers.put(e.callId(), e.time()); }
 * public void onSuccess(CallSucceeded e) { record(Duration.between(timers.remove(e.callId()), e.time())); }
 * }</pre>
 */
public record CallStarted(long callId, String method, Instant time) implements LlmRetryEvent {
}
