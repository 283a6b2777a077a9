package dev.llmretry.benchmarks.sim;

import static dev.llmretry.benchmarks.sim.Scenario.MINUTE;
import static dev.llmretry.benchmarks.sim.Scenario.SECOND;
import static dev.llmretry.benchmarks.sim.Scenario.three;

import java.util.ArrayList;
import java.util.List;

/**
 * The situations the simulation plays, at 1, 10 and 100 calls a second, at full length or shortened for CI
 * ({@code quick}). Busier runs are shorter so that each stays within a few hundred thousand calls.
 */
public final class Scenarios {
    /** Capacity of the primary in scenario (vi), requests per second, at one call a second of base load. */
    public static final double CAPACITY = 10;
    /** The arrival rates every scenario is played at. */
    public static final double[] RATES = {1, 10, 100};
    /** The attempt timeout every client uses in (vii), where an endpoint hangs. */
    public static final long HANG_TIMEOUT = 10 * SECOND;

    private Scenarios() {
    }

    /** Every scenario at every rate, in order. */
    public static List<Scenario> all(boolean quick) {
        List<Scenario> out = new ArrayList<>();
        for (double rate : RATES) {
            out.add(randomFailures(rate, quick));
            out.add(correlatedOverload(rate, quick));
            out.add(primaryDown(rate));
            out.add(quotaExhausted(rate));
            out.add(allDown(rate));
            if (rate < 100) out.add(capacitySpike(rate)); // scale 10 already loads the primary with 60-200 calls/s
            out.add(primaryHangs(rate));
            out.add(everyEndpointOverloaded(rate));
        }
        return out;
    }

    /** Minutes of a run: {@code base} at one call a second, shorter for busier runs. */
    private static long minutes(long base, double rate, boolean quick) {
        long m = rate >= 100 ? base / 12 : rate >= 10 ? base / 4 : base;
        return Math.max(3, quick ? m / 8 : m);
    }

    /** (i) Each endpoint fails 15% of requests at random. */
    public static Scenario randomFailures(double rate, boolean quick) {
        long h = minutes(240, rate, quick) * MINUTE;
        return new Scenario("i", "each endpoint fails 15% at random", h, Scenario.arrivals(rate, h),
                seed -> three(Faults.random(0.15, seed), Faults.random(0.15, seed + 1), Faults.random(0.15, seed + 2)),
                -1, -1, rate, 0);
    }

    /** (ii) Each endpoint overloaded 15% of the time, in 30–120 s episodes failing 90% of requests. */
    public static Scenario correlatedOverload(double rate, boolean quick) {
        long h = minutes(480, rate, quick) * MINUTE;
        return new Scenario("ii", "correlated overload: 15% of the time, 30-120 s episodes, 90% fail", h,
                Scenario.arrivals(rate, h),
                seed -> three(Faults.overloadEpisodes(0.15, 0.9, h, seed), Faults.overloadEpisodes(0.15, 0.9, h, seed + 1),
                        Faults.overloadEpisodes(0.15, 0.9, h, seed + 2)), -1, -1, rate, 0);
    }

    /** (iii) The primary is down from minute 5 to minute 15, then recovers; 30 minutes. */
    public static Scenario primaryDown(double rate) {
        long from = 5 * MINUTE, to = 15 * MINUTE, h = 30 * MINUTE;
        return new Scenario("iii", "primary down for 10 min, then recovers", h, Scenario.arrivals(rate, h),
                seed -> three(Faults.outage(from, to), EndpointModel.healthy(), EndpointModel.healthy()), from, to, rate, 0);
    }

    /** (iv) The primary's account is out of quota (429 insufficient_quota) for the whole 20 minutes. */
    public static Scenario quotaExhausted(double rate) {
        long h = 20 * MINUTE;
        return new Scenario("iv", "quota exhausted on the primary", h, Scenario.arrivals(rate, h),
                seed -> three(Faults.quotaExhausted(), EndpointModel.healthy(), EndpointModel.healthy()), 0, -1, rate, 0);
    }

    /** (v) All three endpoints down from minute 5 to minute 10; 20 minutes. */
    public static Scenario allDown(double rate) {
        long from = 5 * MINUTE, to = 10 * MINUTE, h = 20 * MINUTE;
        return new Scenario("v", "all endpoints down for 5 min", h, Scenario.arrivals(rate, h),
                seed -> three(Faults.outage(from, to), Faults.outage(from, to), Faults.outage(from, to)), from, to, rate, 0);
    }

    /**
     * (vi) A primary limited to {@code CAPACITY × scale} requests a second (token bucket, 429 beyond), a Poisson load
     * of 60% of that, and a spike to 2x its capacity for 30 s at minute 5; 20 minutes.
     */
    public static Scenario capacitySpike(double scale) {
        long from = 5 * MINUTE, to = from + 30 * SECOND, h = 20 * MINUTE;
        double capacity = CAPACITY * scale;
        long[] arrivals = Scenario.poisson(h, t -> t >= from && t < to ? 2 * capacity : 0.6 * capacity, 2026);
        return new Scenario("vi", "capacity-limited primary (" + (int) capacity + " req/s), 2x load spike for 30 s", h,
                arrivals, seed -> three(Faults.capacity(capacity), EndpointModel.healthy(), EndpointModel.healthy()),
                from, to, 0.6 * capacity, 0);
    }

    /** (vii) The primary accepts requests and never answers from minute 5 to 15; every client times attempts out. */
    public static Scenario primaryHangs(double rate) {
        long from = 5 * MINUTE, to = 15 * MINUTE, h = 30 * MINUTE;
        return new Scenario("vii", "primary hangs for 10 min (attempt timeout 10 s everywhere)", h,
                Scenario.arrivals(rate, h),
                seed -> three(Faults.hang(from, to), EndpointModel.healthy(), EndpointModel.healthy()), from, to, rate,
                HANG_TIMEOUT);
    }

    /** (viii) Every endpoint fails 70% of requests for 2 minutes from minute 5; 10 minutes. */
    public static Scenario everyEndpointOverloaded(double rate) {
        long from = 5 * MINUTE, to = 7 * MINUTE, h = 10 * MINUTE;
        return new Scenario("viii", "every endpoint fails 70% for 2 min", h, Scenario.arrivals(rate, h),
                seed -> three(Faults.randomDuring(0.7, from, to, seed), Faults.randomDuring(0.7, from, to, seed + 1),
                        Faults.randomDuring(0.7, from, to, seed + 2)), from, to, rate, 0);
    }
}
