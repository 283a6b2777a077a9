package dev.llmretry.store;

import java.time.Instant;

/**
 * Where endpoint circuit state is shared beyond this instance. A store never makes a call wait: every method returns
 * at once, answering from memory and queueing writes for its own thread; when the store cannot tell (its server is
 * down, slow or wiped) it answers as if it were not there, so each instance keeps its own state. One store is open
 * per runtime, from {@link CircuitStoreProvider#open}; the runtime closes it on shutdown or when retry.yaml names
 * another one.
 *
 * <pre>{@code
 * CircuitStore store = provider.open(settings, fleet);
 * store.opened("iag", Instant.now().plusSeconds(120));   // this instance opened iag: tell the fleet
 * if (store.mayProbe("iag")) sendTrial();                  // one instance of the fleet probes per round
 * }</pre>
 */
public interface CircuitStore extends AutoCloseable {
    /** Nothing shared: each instance decides alone (the default, {@code health.store: local}). */
    CircuitStore LOCAL = new CircuitStore() {
        @Override public void opened(String endpoint, Instant until) { }
        @Override public void closed(String endpoint) { }
        @Override public boolean mayProbe(String endpoint) { return true; }
        @Override public Outcomes others(String endpoint) { return Outcomes.NONE; }
        @Override public boolean sharing() { return false; }
        @Override public void close() { }
        @Override public String toString() { return "CircuitStore[local]"; }
    };

    /** This instance opened {@code endpoint}'s circuit until {@code until}. Returns at once. */
    void opened(String endpoint, Instant until);

    /** This instance closed {@code endpoint}'s circuit (its trial answered). Returns at once. */
    void closed(String endpoint);

    /**
     * Whether this instance may send {@code endpoint}'s recovery trial now (its circuit's open time is over). From
     * memory: a store that has to ask its server answers false now and true on a later call once it holds the lease;
     * true whenever the store cannot tell (not connected).
     */
    boolean mayProbe(String endpoint);

    /**
     * A counted failure of {@code endpoint} here while its circuit is closed (the failure path): the store adds it to
     * the fleet's run of failures and tells {@link Fleet#fleetFailures} the new length. Returns at once.
     */
    default void failed(String endpoint) {
    }

    /** A success here ended a run of failures of {@code endpoint}: the fleet's run starts again. Returns at once. */
    default void recovered(String endpoint) {
    }

    /** What the other instances saw of {@code endpoint} over the health window, from memory; NONE when unknown. */
    Outcomes others(String endpoint);

    /** Whether the store is sharing right now (connected); false while it falls back to local state. */
    boolean sharing();

    /** Stops the store's threads and connections; idempotent. Never throws. */
    @Override
    void close();
}
