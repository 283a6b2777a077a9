package dev.llmretry.benchmarks.jmh;

import java.lang.management.ManagementFactory;

/**
 * The calling thread's own CPU time and allocation per full-stack call, local store vs Redis store configured,
 * alternating rounds. On a shared machine JMH's wall-clock scores of {@link FleetStoreBench} move with the other
 * processes' load (the Redis run adds a redis-server and two client threads to compete with); the calling thread's
 * CPU time and allocation show what the happy path itself costs.
 *
 * <pre>{@code
 * java -cp retry-benchmarks/target/benchmarks.jar dev.llmretry.benchmarks.jmh.FleetStoreCpuTime [rounds]
 * }</pre>
 */
public final class FleetStoreCpuTime {
    private static final int CALLS = 20_000_000;

    private FleetStoreCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (int r = 0; r < rounds; r++) {
            for (String store : new String[] {"local", "redis"}) {
                FleetStoreBench bench = new FleetStoreBench();
                bench.store = store;
                bench.q = "hello";
                bench.setUp();
                for (int i = 0; i < CALLS; i++) bench.llmRetryFull(); // warm-up
                long cpu0 = mx.getCurrentThreadCpuTime();
                long alloc0 = mx.getThreadAllocatedBytes(self);
                long wall0 = System.nanoTime();
                for (int i = 0; i < CALLS; i++) bench.llmRetryFull();
                long wall = System.nanoTime() - wall0;
                long alloc = mx.getThreadAllocatedBytes(self) - alloc0;
                long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                bench.tearDown();
                System.out.printf("round %d %-5s cpu %.1f ns/call, wall %.1f ns/call, %.3f B/call%n", r + 1, store,
                        (double) cpu / CALLS, (double) wall / CALLS, (double) alloc / CALLS);
            }
        }
        System.exit(0);
    }
}
