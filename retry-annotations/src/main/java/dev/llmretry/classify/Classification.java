package dev.llmretry.classify;

import dev.llmretry.classify.Decision;

import java.time.Duration;
import java.util.Objects;

/**
 * The verdict on one failure: a {@link Decision}, a short machine-readable reason a user can match on
 * ({@code "rate_limited"}, {@code "quota_exhausted"}, {@code "context_length"}, {@code "server_error"} ...), and the
 * wait the server asked for, if any. Immutable and thread-safe.
 *
 * <pre>{@code
 * Classification c = Classification.of(Decision.RETRY, "rate_limited").withRetryAfter(Duration.ofSeconds(2));
 * }</pre>
 */
public final class Classification {
    private final Decision decision;
    private final String reason;
    private final Duration retryAfter;
    private final int status;

    private Classification(Decision decision, String reason, Duration retryAfter, int status) {
        this.decision = Objects.requireNonNull(decision, "decision");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
        this.status = status;
    }

    /** A verdict without a server-requested wait or HTTP status. */
    public static Classification of(Decision decision, String reason) {
        return new Classification(decision, reason, null, -1);
    }

    /** This verdict with the server-requested wait ({@code Retry-After} and equivalents); {@code null} for none. */
    public Classification withRetryAfter(Duration wait) {
        return new Classification(decision, reason, wait, status);
    }

    /** This verdict with the HTTP status it was derived from; -1 for none. */
    public Classification withStatus(int httpStatus) {
        return new Classification(decision, reason, retryAfter, httpStatus);
    }

    /** This verdict with another decision, keeping reason, wait and status. */
    public Classification withDecision(Decision newDecision, String newReason) {
        return new Classification(newDecision, newReason, retryAfter, status);
    }

    public Decision decision() { return decision; }

    /** Short, stable, lower_snake_case reason, e.g. {@code "quota_exhausted"}. */
    public String reason() { return reason; }

    /** The wait the server asked for, or {@code null} when it asked for none. */
    public Duration retryAfter() { return retryAfter; }

    /** The HTTP status found in the failure, or -1. */
    public int status() { return status; }

    @Override
    public String toString() {
        return decision + "(" + reason + (status >= 0 ? ", status " + status : "")
                + (retryAfter != null ? ", retry-after " + retryAfter.toMillis() + "ms" : "") + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Classification c && c.decision == decision && c.reason.equals(reason)
                && Objects.equals(c.retryAfter, retryAfter) && c.status == status;
    }

    @Override
    public int hashCode() { return Objects.hash(decision, reason, retryAfter, status); }
}
