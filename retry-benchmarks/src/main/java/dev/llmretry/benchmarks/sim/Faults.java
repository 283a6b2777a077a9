package dev.llmretry.benchmarks.sim;

import java.util.SplittableRandom;

/** The failure patterns of the scenarios, as {@link EndpointModel}s. Each call returns a fresh, seeded model. */
public final class Faults {
    private static final long SECOND = 1_000_000_000L;

    private Faults() {
    }

    /** Fails each request with probability {@code p}, independently (503). */
    public static EndpointModel random(double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new EndpointModel() {
            @Override public RuntimeException answer(long now) { return r.nextDouble() < p ? EndpointModel.unavailable() : null; }
            @Override public boolean down(long now) { return false; }
        };
    }

    /** Down (503 to everything) from {@code fromNanos} (inclusive) to {@code toNanos} (exclusive). */
    public static EndpointModel outage(long fromNanos, long toNanos) {
        return new EndpointModel() {
            @Override public RuntimeException answer(long now) { return down(now) ? EndpointModel.unavailable() : null; }
            @Override public boolean down(long now) { return now >= fromNanos && now < toNanos; }
        };
    }

    /** Accepts requests and never answers them from {@code fromNanos} (inclusive) to {@code toNanos} (exclusive). */
    public static EndpointModel hang(long fromNanos, long toNanos) {
        return new EndpointModel() {
            @Override public RuntimeException answer(long now) { return null; }
            @Override public boolean down(long now) { return hangs(now); }
            @Override public boolean hangs(long now) { return now >= fromNanos && now < toNanos; }
        };
    }

    /** Fails each request with probability {@code p} (503) from {@code fromNanos} to {@code toNanos}; healthy otherwise. */
    public static EndpointModel randomDuring(double p, long fromNanos, long toNanos, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new EndpointModel() {
            @Override
            public RuntimeException answer(long now) {
                return down(now) && r.nextDouble() < p ? EndpointModel.unavailable() : null;
            }

            @Override public boolean down(long now) { return now >= fromNanos && now < toNanos; }
        };
    }

    /** Out of quota for the whole run: every request gets 429 insufficient_quota. */
    public static EndpointModel quotaExhausted() {
        return new EndpointModel() {
            @Override public RuntimeException answer(long now) { return EndpointModel.quotaExhausted(); }
            @Override public boolean down(long now) { return true; }
        };
    }

    /**
     * Correlated overload: episodes of 30–120 s (uniform) covering {@code share} of the time on average, with
     * exponential gaps between them; inside an episode a request fails with probability {@code failInside}.
     */
    public static EndpointModel overloadEpisodes(double share, double failInside, long horizonNanos, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double meanEpisode = 75;
        double meanGap = meanEpisode * (1 - share) / share;
        java.util.List<long[]> episodes = new java.util.ArrayList<>();
        long t = (long) (-Math.log(1 - r.nextDouble()) * meanGap * SECOND);
        while (t < horizonNanos) {
            long length = (long) ((30 + 90 * r.nextDouble()) * SECOND);
            episodes.add(new long[] {t, t + length});
            t += length + (long) (-Math.log(1 - r.nextDouble()) * meanGap * SECOND);
        }
        SplittableRandom calls = r.split();
        return new EndpointModel() {
            @Override
            public RuntimeException answer(long now) {
                return down(now) && calls.nextDouble() < failInside ? EndpointModel.unavailable() : null;
            }

            @Override
            public boolean down(long now) {
                for (long[] e : episodes) if (now >= e[0] && now < e[1]) return true;
                return false;
            }
        };
    }

    /** A token bucket of {@code perSecond} requests a second (burst one second's worth); beyond it, 429. */
    public static EndpointModel capacity(double perSecond) {
        return new EndpointModel() {
            private double tokens = perSecond;
            private long last;

            @Override
            public RuntimeException answer(long now) {
                tokens = Math.min(perSecond, tokens + (now - last) * perSecond / SECOND);
                last = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    return null;
                }
                return EndpointModel.rateLimited();
            }

            @Override public boolean down(long now) { return false; }
        };
    }
}
