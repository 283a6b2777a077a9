package dev.llmretry;

import dev.llmretry.breaker.CircuitState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Nothing could be attempted: the circuit of every endpoint of the method is open (or half-open with every trial
 * slot taken), and no last-resort probe slot was free (each open endpoint lets one call through as a probe every
 * half second, so the end of an outage is noticed within about a second). The message names each endpoint, its
 * state, when it will be tried again and when the next probe may go. Unchecked.
 *
 * <pre>{@code
 * try { chat.ask(q, null); }
 * catch (EndpointsUnavailableException e) { return "Busy, try again after " + e.nextProbe(); }
 * }</pre>
 */
public class EndpointsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One endpoint's state when the call was refused. */
    public record EndpointState(String name, CircuitState state, Instant retryAt) {
        @Override
        public String toString() {
            return name + " " + state.name().toLowerCase(Locale.ROOT)
                    + (retryAt != null ? " until " + retryAt : "");
        }
    }

    private final String method;
    private final transient List<EndpointState> endpoints;
    private final Instant nextProbe;

    public EndpointsUnavailableException(String method, List<EndpointState> endpoints) {
        this(method, endpoints, null);
    }

    /**
     * @param nextProbe when the next last-resort probe may go (a call then is let through to the endpoint due
     *                  soonest), or {@code null} if unknown
     */
    public EndpointsUnavailableException(String method, List<EndpointState> endpoints, Instant nextProbe) {
        super("No endpoint available for " + method + ": every circuit is open ("
                + endpoints.stream().map(EndpointState::toString).collect(Collectors.joining(", ")) + ")"
                + (nextProbe != null ? "; next probe at " + nextProbe : ""));
        this.method = method;
        this.endpoints = List.copyOf(endpoints);
        this.nextProbe = nextProbe;
    }

    /** When the next last-resort probe may go (a call made then is let through), or {@code null} if unknown. */
    public Instant nextProbe() { return nextProbe; }

    /** The protected method, {@code "com.acme.Chat#ask"}. */
    public String method() { return method; }

    /** Each endpoint with its state and next probe time. */
    public List<EndpointState> endpoints() { return endpoints; }

    /** The earliest time any endpoint will admit a call again, or {@code null} if unknown. */
    public Instant earliestRetry() {
        return endpoints.stream().map(EndpointState::retryAt).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
    }
}
