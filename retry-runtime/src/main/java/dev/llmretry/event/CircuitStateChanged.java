package dev.llmretry.event;

import dev.llmretry.breaker.CircuitState;
import java.time.Instant;

/**
 * The circuit breaker {@code breaker} (an endpoint name, a shared breaker name or a method) went from {@code from}
 * to {@code to}. {@code callId}/{@code method} name the call that caused it, or 0/"" for a manual reset or a timer.
 *
 * <pre>{@code
 * public void onCircuitStateChange(CircuitStateChanged e) {
 *     if (e.to() == CircuitState.OPEN) pager.alert(e.breaker() + " is down until " + e.retryAt());
 * }
 * }</pre>
 *
 * @param retryAt when an open circuit will admit its first trial call; {@code null} unless {@code to} is OPEN
 */
public record CircuitStateChanged(long callId, String method, Instant time, String breaker, CircuitState from,
                                  CircuitState to, Instant retryAt) implements LlmRetryEvent {
}
