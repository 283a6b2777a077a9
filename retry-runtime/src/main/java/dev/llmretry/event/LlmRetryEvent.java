package dev.llmretry.event;

import java.time.Instant;

/**
 * Something that happened during a protected call. Every event carries the method ({@code "com.acme.Chat#ask"}) and
 * a per-call id, so a UI can group the events of one call. Events are immutable; text they carry
 * ({@link #toString()}, cause summaries) has API keys and proxy passwords masked.
 *
 * <pre>{@code
 * LlmResilience.addListener(new LlmRetryListener() {
 *     public void onRetryScheduled(RetryScheduled e) { progressBar.countDownTo(e.nextAttemptAt()); }
 * });
 * }</pre>
 */
public sealed interface LlmRetryEvent
        permits CallStarted, RetryScheduled, FailedOver, CircuitStateChanged, StreamIncomplete, CallSucceeded, CallExhausted, CallAborted {
    /** Identifies one call of a protected method; {@code 0} for events not tied to a call. */
    long callId();

    /** The protected method, {@code "<fully.qualified.Class>#<method>"}; empty for events not tied to a call. */
    String method();

    /** When the event happened (the library's clock: virtual in tests). */
    Instant time();
}
