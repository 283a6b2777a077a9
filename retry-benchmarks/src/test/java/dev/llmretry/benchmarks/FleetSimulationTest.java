package dev.llmretry.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.benchmarks.fleet.FleetSimulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19's targets on the fleet simulation (virtual time, seeded): with a shared store the load on a dead primary
 * does not grow with the fleet (within 2x of one instance's), and no call waits through a backoff once any instance
 * opened the circuit; without it, the load grows with N. Counts only, never a wall-clock time.
 */
class FleetSimulationTest {
    private static final long SEED = 42;

    @ParameterizedTest
    @ValueSource(ints = {5, 20})
    void deadPrimaryForTenMinutes_sharedStore_loadIndependentOfFleetSizeAndNoBackoffAfterOpening(int instances) {
        FleetSimulation.Result one = FleetSimulation.run(1, true, SEED);
        FleetSimulation.Result fleet = FleetSimulation.run(instances, true, SEED);

        assertTrue(fleet.deadRequests() <= 2 * one.deadRequests(),
                instances + " instances sent the dead endpoint " + fleet.deadRequests() + " requests, one sent " + one.deadRequests());
        assertEquals(0, fleet.backoffsAfterOpen(), "backoff waits after the fleet's first opening");
        assertEquals(0, fleet.failed());
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 20})
    void deadPrimaryForTenMinutes_eachInstanceAlone_loadGrowsWithFleetSize(int instances) {
        FleetSimulation.Result one = FleetSimulation.run(1, false, SEED);
        FleetSimulation.Result fleet = FleetSimulation.run(instances, false, SEED);

        assertTrue(fleet.deadRequests() >= instances * one.deadRequests() * 0.8,
                fleet.deadRequests() + " requests from " + instances + " instances, " + one.deadRequests() + " from one");
    }
}
