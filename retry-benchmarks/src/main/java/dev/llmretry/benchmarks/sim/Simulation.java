package dev.llmretry.benchmarks.sim;

import dev.llmretry.testing.VirtualClock;
import java.util.Arrays;

/**
 * Plays one {@link Scenario} against one {@link ClientKind} on a fresh {@link VirtualClock}: every user call is a
 * task scheduled at its arrival time, retries are tasks too, and the clock runs them all in time order on the
 * calling thread. Calls that overlap in virtual time are therefore interleaved exactly as their waits dictate;
 * only the attempts themselves take no time. Deterministic for a seed.
 */
public final class Simulation {
    private static final long SECOND = World.SECOND;
    private static final long SETTLE = 60 * SECOND;

    private Simulation() {
    }

    /** Runs {@code scenario} with {@code kind}; {@code seed} drives the endpoints' faults and the client's jitter. */
    public static Outcome run(Scenario scenario, ClientKind kind, long seed) {
        VirtualClock clock = new VirtualClock();
        long[] arrivals = scenario.arrivals();
        int n = arrivals.length;
        World world = new World(clock, scenario.endpoints().apply(seed), n, scenario.horizonNanos());
        if (scenario.eventTo() > 0) world.watchRecoveryFrom(scenario.eventTo());
        long[] took = new long[n];
        boolean[] ok = new boolean[n];
        boolean[] done = new boolean[n];
        try (Client client = kind.create(clock, world, seed, scenario.attemptTimeoutNanos())) {
            for (int i = 0; i < n; i++) {
                int user = i;
                clock.schedule(() -> {
                    long start = clock.nanoTime();
                    client.call(user).whenComplete((v, e) -> {
                        took[user] = clock.nanoTime() - start - (e == null ? World.ANSWER_NANOS : 0); // the added part
                        ok[user] = e == null;
                        done[user] = true;
                    });
                }, arrivals[i]);
            }
            clock.runAll();
        }
        for (int i = 0; i < n; i++) if (!done[i]) throw new IllegalStateException("user call " + i + " never ended");
        return measure(scenario, kind, world, arrivals, took, ok);
    }

    private static Outcome measure(Scenario sc, ClientKind kind, World world, long[] arrivals, long[] took, boolean[] ok) {
        int n = arrivals.length;
        int answered = 0;
        for (boolean b : ok) if (b) answered++;
        long[] sorted = took.clone();
        Arrays.sort(sorted);
        double p50 = sorted[Math.min(n - 1, (int) Math.ceil(0.50 * n) - 1)] / 1e6;
        double p99 = sorted[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1e6;
        double reuse = -1, perCall = -1, maxWait = -1, seconds = -1, healthy = -1;
        long answerAt = world.firstAnswerAfterRecovery();
        double firstAnswer = answerAt < 0 ? -1 : (answerAt - sc.eventTo()) / 1e9;
        int probes = -1, peak = -1, load = -1;
        boolean outage = sc.eventFrom() >= 0 && sc.eventTo() > sc.eventFrom() && !sc.id().equals("vi")
                && !sc.id().equals("viii");
        boolean overload = sc.id().equals("viii");
        if (outage || overload) {
            long t = world.firstPrimarySuccess(sc.eventTo());
            reuse = t < 0 ? -1 : (t - sc.eventTo()) / 1e9;
            long from = overload ? sc.eventFrom() : sc.eventFrom() + SETTLE, to = sc.eventTo();
            long requests = 0, max = 0;
            int calls = 0;
            for (int i = 0; i < n; i++) {
                if (arrivals[i] < from || arrivals[i] >= to) continue;
                calls++;
                requests += world.requestsOf(i);
                max = Math.max(max, took[i]);
            }
            perCall = calls == 0 ? -1 : (double) requests / calls;
            maxWait = max / 1e6;
            probes = world.primaryRequests(from, to);
            seconds = (to - from) / 1e9;
        }
        if (sc.id().equals("vi")) {
            int endSec = (int) (sc.eventTo() / SECOND);
            int h = world.primaryHealthyFrom(endSec, (int) (sc.horizonNanos() / SECOND));
            healthy = h < 0 ? -1 : Math.max(0, h - endSec);
            peak = world.peakPrimaryPerSecond((int) (sc.eventFrom() / SECOND), (int) (sc.horizonNanos() / SECOND));
            load = world.primaryRequests(sc.eventFrom(), sc.eventTo() + 240 * SECOND);
        }
        return new Outcome(kind, n, answered, world.requests(), p50, p99, world.sentWhileDown(), reuse, perCall,
                maxWait, probes, seconds, healthy, peak, load, firstAnswer);
    }
}
