package dev.llmretry.benchmarks.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * One situation to play: when users arrive, how the three endpoints behave, and the windows the metrics look at.
 * {@code endpoints} builds fresh seeded models for each client's run, so every client meets the same faults.
 *
 * @param id            short label, "i" to "viii"
 * @param title         what happens
 * @param horizonNanos  virtual length of the run (arrivals stop there; retries in flight finish)
 * @param arrivals      when each user call starts, ascending
 * @param endpoints     fresh models for iag, oneapi, litellm, from a seed
 * @param eventFrom     start of the outage / spike (or -1)
 * @param eventTo       end of the outage / spike: the recovery instant (or -1)
 * @param callsPerSecond mean arrival rate, for the report
 * @param attemptTimeoutNanos every client's time limit for one attempt (0: none), for endpoints that hang
 */
public record Scenario(String id, String title, long horizonNanos, long[] arrivals,
                       LongFunction<Map<String, EndpointModel>> endpoints, long eventFrom, long eventTo,
                       double callsPerSecond, long attemptTimeoutNanos) {
    static final long SECOND = World.SECOND;
    static final long MINUTE = 60 * SECOND;

    /** One call a second for {@code minutes}. */
    static long[] everySecond(long minutes) {
        long[] a = new long[(int) (minutes * 60)];
        for (int i = 0; i < a.length; i++) a[i] = i * SECOND;
        return a;
    }

    /** One call a second, or a seeded Poisson process of {@code rate} calls a second, over {@code horizonNanos}. */
    static long[] arrivals(double rate, long horizonNanos) {
        return rate == 1 ? everySecond(horizonNanos / MINUTE) : poisson(horizonNanos, t -> rate, 2026);
    }

    /** A seeded Poisson process whose rate (calls per second) depends on the virtual time. */
    static long[] poisson(long horizonNanos, java.util.function.LongToDoubleFunction ratePerSecond, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Long> out = new ArrayList<>();
        long t = 0;
        double maxRate = 0;
        for (long s = 0; s < horizonNanos; s += SECOND) maxRate = Math.max(maxRate, ratePerSecond.applyAsDouble(s));
        while (true) { // thinning: candidates at the peak rate, kept with probability rate(t) / peak
            t += (long) (-Math.log(1 - r.nextDouble()) / maxRate * SECOND);
            if (t >= horizonNanos) break;
            if (r.nextDouble() < ratePerSecond.applyAsDouble(t) / maxRate) out.add(t);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    static Map<String, EndpointModel> three(EndpointModel iag, EndpointModel oneapi, EndpointModel litellm) {
        Map<String, EndpointModel> m = new LinkedHashMap<>();
        m.put("iag", iag);
        m.put("oneapi", oneapi);
        m.put("litellm", litellm);
        return m;
    }
}
