package dev.llmretry.benchmarks.fleet;

import dev.llmretry.internal.store.FleetBridge;
import dev.llmretry.store.CircuitStore;
import dev.llmretry.store.Outcomes;
import dev.llmretry.testing.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared store of a simulated fleet, on the virtual clock, with the Redis store's semantics: an opening or
 * closing reaches the other instances {@link #PROPAGATION_NANOS} later (pub/sub), and the probe lease is asked for
 * asynchronously (the first call after the open time gets no trial; the answer arrives one round trip later) and held
 * for {@link #LEASE_NANOS} ({@code SET NX PX}). Single-threaded, like the simulation.
 *
 * <pre>{@code
 * VirtualStore shared = new VirtualStore(clock);
 * CircuitStore mine = shared.join(bridge);
 * }</pre>
 */
final class VirtualStore {
    static final long PROPAGATION_NANOS = 5_000_000L;
    static final long ROUND_TRIP_NANOS = 1_000_000L;
    static final long LEASE_NANOS = 30_000_000_000L;

    private final VirtualClock clock;
    private final List<FleetBridge> members = new ArrayList<>();
    /** Endpoint -> {holder index, lease end}. */
    private final Map<String, long[]> leases = new HashMap<>();
    /** Endpoint -> the fleet's failures in a row. */
    private final Map<String, Long> runs = new HashMap<>();

    VirtualStore(VirtualClock clock) {
        this.clock = clock;
    }

    /** The store as instance {@code bridge} sees it. */
    CircuitStore join(FleetBridge bridge) {
        int me = members.size();
        members.add(bridge);
        Map<String, long[]> cache = new HashMap<>(); // endpoint -> {state 0 pending / 1 held / 2 not held, until}
        return new CircuitStore() {
            @Override
            public void opened(String endpoint, Instant until) {
                tellOthers(me, b -> b.openedElsewhere(endpoint, until));
            }

            @Override
            public void closed(String endpoint) {
                long[] lease = leases.get(endpoint);
                if (lease != null && lease[0] == me) leases.remove(endpoint);
                cache.remove(endpoint);
                tellOthers(me, b -> b.closedElsewhere(endpoint));
            }

            @Override
            public boolean mayProbe(String endpoint) {
                long now = clock.nanoTime();
                long[] c = cache.get(endpoint);
                if (c != null && c[0] == 0) return false;
                if (c != null && now < c[1]) return c[0] == 1;
                long[] asked = {0, now};
                cache.put(endpoint, asked);
                clock.schedule(() -> {
                    long t = clock.nanoTime();
                    long[] lease = leases.get(endpoint);
                    boolean held = lease == null || t >= lease[1] || lease[0] == me;
                    if (held) leases.put(endpoint, new long[] {me, t + LEASE_NANOS});
                    cache.put(endpoint, new long[] {held ? 1 : 2, now + LEASE_NANOS});
                }, ROUND_TRIP_NANOS);
                return false;
            }

            @Override
            public void failed(String endpoint) {
                clock.schedule(() -> {
                    long n = runs.merge(endpoint, 1L, Long::sum);
                    clock.schedule(() -> bridge.fleetFailures(endpoint, n), ROUND_TRIP_NANOS / 2);
                }, ROUND_TRIP_NANOS / 2);
            }

            @Override
            public void recovered(String endpoint) {
                clock.schedule(() -> runs.remove(endpoint), ROUND_TRIP_NANOS / 2);
            }

            @Override public Outcomes others(String endpoint) { return Outcomes.NONE; }

            @Override public boolean sharing() { return true; }

            @Override public void close() { }
        };
    }

    private void tellOthers(int me, java.util.function.Consumer<FleetBridge> change) {
        for (int i = 0; i < members.size(); i++) {
            FleetBridge other = members.get(i);
            if (i != me) clock.schedule(() -> change.accept(other), PROPAGATION_NANOS);
        }
    }
}
