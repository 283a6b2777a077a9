package dev.llmretry.benchmarks.fleet;

/**
 * Prints the fleet simulation's table (docs/fleet.md): N = 1, 5, 20, with and without a shared store.
 *
 * <pre>{@code
 * java -cp retry-benchmarks/target/benchmarks.jar dev.llmretry.benchmarks.fleet.FleetReport [seed]
 * }</pre>
 */
public final class FleetReport {
    private FleetReport() {
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        System.out.println("| instances | store | calls in outage | failed | requests to dead iag | per instance"
                + " | added latency mean / p99 / max (ms) | backoff waits after first opening |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int n : new int[] {1, 5, 20}) {
            for (boolean shared : new boolean[] {false, true}) {
                FleetSimulation.Result r = FleetSimulation.run(n, shared, seed);
                System.out.printf("| %d | %s | %d | %d | %d | %.1f | %.0f / %.0f / %.0f | %d |%n", n,
                        shared ? "redis (shared)" : "local", r.calls(), r.failed(), r.deadRequests(),
                        (double) r.deadRequests() / n, r.meanAddedMs(), r.p99AddedMs(), r.maxAddedMs(),
                        r.backoffsAfterOpen());
            }
        }
    }
}
