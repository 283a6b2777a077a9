package dev.llmretry.event;

import dev.llmretry.classify.Decision;
import java.time.Duration;
import java.time.Instant;

/**
 * Attempt {@code attempt} of {@code maxAttempts} failed on {@code endpoint}; the same endpoint will be tried again
 * after {@code delay}, at {@code nextAttemptAt} (enough to draw a countdown).
 *
 * <pre>{@code
 * public void onRetryScheduled(RetryScheduled e) {
 *     show("Attempt " + e.attempt() + "/" + e.maxAttempts() + " failed on " + e.endpoint() + ", retry in " + e.delay());
 * }
 * }</pre>
 *
 * @param causeSummary the failure in one line, secrets masked
 * @param reason       the classification reason, e.g. {@code "server_error"}
 */
public record RetryScheduled(long callId, String method, Instant time, int attempt, int maxAttempts, String endpoint,
                             Throwable cause, String causeSummary, Decision decision, String reason, Duration delay,
                             Instant nextAttemptAt) implements LlmRetryEvent {
    @Override
    public String toString() {
        return "RetryScheduled[call " + callId + " " + method + ", attempt " + attempt + "/" + maxAttempts + " on "
                + endpoint + ": " + causeSummary + ", " + reason + ", retry in " + delay.toMillis() + "ms]";
    }
}
