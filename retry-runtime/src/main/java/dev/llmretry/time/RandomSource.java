package dev.llmretry.time;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The randomness behind jitter and probabilistic choices, injectable so tests are repeatable.
 *
 * <pre>{@code
 * RandomSource seeded = RandomSource.seeded(42);
 * double u = seeded.nextDouble();   // in [0, 1)
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface RandomSource {
    /** A uniform value in {@code [0, 1)}. */
    double nextDouble();

    /** The default: {@link ThreadLocalRandom}, uncontended across threads. */
    static RandomSource threadLocal() {
        return () -> ThreadLocalRandom.current().nextDouble();
    }

    /** A repeatable sequence for a seed (synchronized: for tests and simulations, not for hot paths). */
    static RandomSource seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> {
            synchronized (random) {
                return random.nextDouble();
            }
        };
    }
}
