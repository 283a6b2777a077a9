package dev.llmretry.breaker;

/**
 * The state of a circuit breaker.
 *
 * <pre>{@code
 * if (event.to() == CircuitState.OPEN) alert(event.breaker());
 * }</pre>
 */
public enum CircuitState {
    /** Calls flow; consecutive failures are counted. */
    CLOSED,
    /** Calls are refused (or failed over) until the recovery time has passed. */
    OPEN,
    /** A limited number of trial calls probe whether the dependency has recovered. */
    HALF_OPEN
}
