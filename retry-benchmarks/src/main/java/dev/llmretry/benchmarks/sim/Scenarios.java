package dev.llmretry.benchmarks.sim;

import static dev.llmretry.benchmarks.sim.Scenario.MINUTE;
import static dev.llmretry.benchmarks.sim.Scenario.SECOND;
import static dev.llmretry.benchmarks.sim.Scenario.three;

import java.util.List;

/** The seeds' six situations, at full length or shortened for CI ({@code quick}). */
public final class Scenarios {
    /** Capacity of the primary in scenario (vi), requests per second. */
    public static final double CAPACITY = 10;

    private Scenarios() {
    }

    /** All six, in order. */
    public static List<Scenario> all(boolean quick) {
        return List.of(randomFailures(quick), correlatedOverload(quick), primaryDown(), quotaExhausted(),
                allDown(), capacitySpike());
    }

    /** (i) Each endpoint fails 15% of requests at random; one call a second. */
    public static Scenario randomFailures(boolean quick) {
        long minutes = quick ? 30 : 240;
        return new Scenario("i", "each endpoint fails 15% at random", minutes * MINUTE, Scenario.everySecond(minutes),
                seed -> three(Faults.random(0.15, seed), Faults.random(0.15, seed + 1), Faults.random(0.15, seed + 2)),
                -1, -1);
    }

    /** (ii) Each endpoint overloaded 15% of the time, in 30–120 s episodes failing 90% of requests. */
    public static Scenario correlatedOverload(boolean quick) {
        long minutes = quick ? 60 : 480;
        long h = minutes * MINUTE;
        return new Scenario("ii", "correlated overload: 15% of the time, 30-120 s episodes, 90% fail", h,
                Scenario.everySecond(minutes),
                seed -> three(Faults.overloadEpisodes(0.15, 0.9, h, seed), Faults.overloadEpisodes(0.15, 0.9, h, seed + 1),
                        Faults.overloadEpisodes(0.15, 0.9, h, seed + 2)), -1, -1);
    }

    /** (iii) The primary is down from minute 5 to minute 15, then recovers; 30 minutes. */
    public static Scenario primaryDown() {
        long from = 5 * MINUTE, to = 15 * MINUTE;
        return new Scenario("iii", "primary down for 10 min, then recovers", 30 * MINUTE, Scenario.everySecond(30),
                seed -> three(Faults.outage(from, to), EndpointModel.healthy(), EndpointModel.healthy()), from, to);
    }

    /** (iv) The primary's account is out of quota (429 insufficient_quota) for the whole 20 minutes. */
    public static Scenario quotaExhausted() {
        return new Scenario("iv", "quota exhausted on the primary", 20 * MINUTE, Scenario.everySecond(20),
                seed -> three(Faults.quotaExhausted(), EndpointModel.healthy(), EndpointModel.healthy()), 0, -1);
    }

    /** (v) All three endpoints down from minute 5 to minute 10; 20 minutes. */
    public static Scenario allDown() {
        long from = 5 * MINUTE, to = 10 * MINUTE;
        return new Scenario("v", "all endpoints down for 5 min", 20 * MINUTE, Scenario.everySecond(20),
                seed -> three(Faults.outage(from, to), Faults.outage(from, to), Faults.outage(from, to)), from, to);
    }

    /**
     * (vi) A primary limited to {@link #CAPACITY} requests a second (token bucket, 429 beyond), a Poisson load of 60% of
     * that, and a spike to 2x its capacity for 30 s at minute 5; 20 minutes.
     */
    public static Scenario capacitySpike() {
        long from = 5 * MINUTE, to = from + 30 * SECOND, h = 20 * MINUTE;
        long[] arrivals = Scenario.poisson(h, t -> t >= from && t < to ? 2 * CAPACITY : 0.6 * CAPACITY, 2026);
        return new Scenario("vi", "capacity-limited primary, 2x load spike for 30 s", h, arrivals,
                seed -> three(Faults.capacity(CAPACITY), EndpointModel.healthy(), EndpointModel.healthy()), from, to);
    }
}
