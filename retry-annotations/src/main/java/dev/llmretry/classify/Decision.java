package dev.llmretry.classify;

/**
 * What to do after a failed attempt.
 *
 * <pre>{@code
 * if (classification.decision() == Decision.ABORT) throw failure;
 * }</pre>
 */
public enum Decision {
    /** Transient: call the same endpoint again after a backoff. */
    RETRY,
    /** This endpoint cannot serve the request now (quota, auth, DNS...): move to the next endpoint without waiting. */
    FAILOVER,
    /** The request itself is bad (4xx, validation, programming error): rethrow at once, never retried. */
    ABORT
}
