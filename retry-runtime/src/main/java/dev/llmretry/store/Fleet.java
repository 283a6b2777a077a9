package dev.llmretry.store;

import java.time.Instant;
import java.util.Set;

/**
 * What this instance offers a {@link CircuitStore}: the endpoints whose circuits are shared, this instance's own
 * outcomes (read by the store's background thread), and where to apply what other instances decided. The methods
 * are cheap, thread-safe and never throw for an unknown endpoint (they ignore it).
 *
 * <pre>{@code
 * // in a store's pub/sub listener:
 * fleet.openedElsewhere("iag", Instant.parse("2026-11-30T23:00:05Z"));
 * }</pre>
 */
public interface Fleet {
    /** The configured endpoints (their circuits are shared; named breakers are not). */
    Set<String> endpoints();

    /** This instance's requests and failures to {@code endpoint} over the health window. */
    Outcomes local(String endpoint);

    /** The endpoints whose circuit is open here, with the instant each opening ends (re-announced after an outage). */
    java.util.Map<String, Instant> openHere();

    /** Another instance opened {@code endpoint}'s circuit until {@code until}: skip it here too. */
    void openedElsewhere(String endpoint, Instant until);

    /** Another instance's trial call answered: {@code endpoint}'s circuit closes here too. */
    void closedElsewhere(String endpoint);

    /**
     * The fleet's failures of {@code endpoint} in a row (no success ended them) reached {@code consecutive}: at
     * {@code outage-threshold} this instance opens the circuit (as if it had seen them all) and tells the fleet.
     */
    void fleetFailures(String endpoint, long consecutive);

    /** Wall-clock time (the runtime's clock), for instants that travel between instances. */
    Instant now();

    /** The length of the health window, in milliseconds (how long shared outcomes stay relevant). */
    long windowMillis();
}
