package dev.llmretry.event;

import java.time.Instant;
import java.util.List;

/**
 * Critical: the call gave up. Every endpoint it could use failed, or attempts or time ran out; {@code cause} is
 * the failure rethrown to the caller (earlier ones are attached to it as suppressed exceptions).
 *
 * <pre>{@code
 * public void onExhausted(CallExhausted e) { pager.critical(e.method() + " failed on " + e.endpointsTried()); }
 * }</pre>
 *
 * @param why why it gave up ({@link Reason}; as text: {@code "attempts_exhausted"}, {@code "deadline"}, {@code "no_endpoint_left"},
 *            {@code "all_circuits_open"}, {@code "probe_failed"} (the call was a last-resort probe while every
 *            circuit was open, and it failed), {@code "retry_budget"} (the endpoint's retry budget was spent and no
 *            other endpoint was left), {@code "interrupted"}, {@code "shutdown"} (the library was shut down while the call
 *            waited for its next attempt)
 */
public record CallExhausted(long callId, String method, Instant time, int attempts, List<String> endpointsTried,
                            Reason why, Throwable cause, String causeSummary) implements LlmRetryEvent {
    public CallExhausted {
        endpointsTried = List.copyOf(endpointsTried);
    }

    /** Why a call gave up; {@link #toString()} is the name logs and metrics use ({@code "attempts_exhausted"}). */
    public enum Reason {
        ATTEMPTS_EXHAUSTED, DEADLINE, NO_ENDPOINT_LEFT, ALL_CIRCUITS_OPEN, PROBE_FAILED, RETRY_BUDGET, INTERRUPTED,
        SHUTDOWN;

        private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

        @Override
        public String toString() {
            return wireName;
        }
    }
}
