package dev.llmretry.benchmarks.fleet;

import dev.llmretry.testing.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * N instances, each receiving one call a second, while {@code iag} is dead for ten minutes; with a shared store
 * ({@link VirtualStore}, the Redis store's semantics) or each on its own. Deterministic for a seed: every call,
 * answer, backoff and store message is a task on one {@link VirtualClock}.
 *
 * <pre>{@code
 * FleetSimulation.Result r = FleetSimulation.run(20, true, 42);
 * r.deadRequests();   // requests the dead endpoint got during the outage
 * }</pre>
 */
public final class FleetSimulation {
    private static final long HORIZON = FleetWorld.DEAD_FROM + FleetWorld.DEAD_FOR + 60 * FleetWorld.SECOND;

    private FleetSimulation() {
    }

    /**
     * What one run measured over the outage.
     *
     * @param instances        N
     * @param shared           whether circuits were shared
     * @param calls            user calls begun during the outage
     * @param failed           of those, calls that got no answer
     * @param deadRequests     requests the dead endpoint got during the outage
     * @param meanAddedMs      mean time a call took beyond its answer's own time, during the outage
     * @param p99AddedMs       its 99th percentile
     * @param maxAddedMs       its maximum
     * @param backoffsAfterOpen backoff waits begun after the fleet's first opening (plus the store's 10 ms propagation)
     */
    public record Result(int instances, boolean shared, int calls, int failed, int deadRequests, double meanAddedMs,
                         double p99AddedMs, double maxAddedMs, int backoffsAfterOpen) {
    }

    /** Runs the outage with {@code instances} instances, sharing circuits or not. */
    public static Result run(int instances, boolean shared, long seed) {
        VirtualClock clock = new VirtualClock();
        FleetWorld world = new FleetWorld(clock);
        VirtualStore store = new VirtualStore(clock);
        Random random = new Random(seed);
        List<FleetInstance> fleet = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            FleetInstance instance = new FleetInstance(clock, world, random.nextLong());
            if (shared) instance.bridge.use(store.join(instance.bridge));
            fleet.add(instance);
        }
        List<Long> added = new ArrayList<>();
        int[] failed = {0};
        for (FleetInstance instance : fleet) {
            long offset = (long) (random.nextDouble() * FleetWorld.SECOND);
            for (long at = offset; at < HORIZON; at += FleetWorld.SECOND) {
                boolean measured = world.dead(at);
                clock.schedule(() -> instance.call(took -> {
                    if (!measured) return;
                    if (took < 0) failed[0]++;
                    else added.add(took);
                }), at);
            }
        }
        clock.runAll();
        long[] sorted = added.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        double p99 = n == 0 ? 0 : sorted[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1e6;
        double max = n == 0 ? 0 : sorted[n - 1] / 1e6;
        return new Result(instances, shared, n + failed[0], failed[0], world.deadRequests, mean, p99, max,
                world.backoffsAfterOpen);
    }
}
