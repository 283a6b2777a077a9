package dev.llmretry.internal.retry;

import dev.llmretry.annotation.Jitter;
import dev.llmretry.internal.config.RetrySettings;
import dev.llmretry.time.RandomSource;

/**
 * Delay before retry number {@code n} (0 = the first retry on an endpoint), per AWS's "Exponential Backoff and
 * Jitter": {@code base = min(maxBackoff, initialBackoff * multiplier^n)}, then randomised by the policy's
 * {@link Jitter}. Stateless and thread-safe; decorrelated jitter takes the previous delay as input.
 *
 * <pre>{@code
 * Backoff b = Backoff.of(settings);
 * long d0 = b.delayNanos(0, 0, random);   // 1s with jitter NONE and initial-backoff 1s
 * long d1 = b.delayNanos(1, d0, random);  // 2s with multiplier 2
 * }</pre>
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final double multiplier;
    private final Jitter jitter;

    private Backoff(long initialNanos, long maxNanos, double multiplier, Jitter jitter) {
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.multiplier = multiplier;
        this.jitter = jitter;
    }

    public static Backoff of(RetrySettings settings) {
        return new Backoff(settings.initialBackoff().toNanos(), settings.maxBackoff().toNanos(),
                settings.multiplier(), settings.jitter());
    }

    /**
     * @param retry         retries already made on the current endpoint (0 for the first retry)
     * @param previousNanos the previous delay on this endpoint (only used by decorrelated jitter; 0 at first)
     */
    public long delayNanos(int retry, long previousNanos, RandomSource random) {
        long base = exponential(retry);
        switch (jitter) {
            case FULL:
                return (long) (random.nextDouble() * base);
            case EQUAL:
                return base / 2 + (long) (random.nextDouble() * (base - base / 2));
            case DECORRELATED: {
                long previous = previousNanos <= 0 ? initialNanos : previousNanos;
                double upper = Math.min((double) maxNanos, previous * 3.0);
                double lower = Math.min(initialNanos, upper);
                return (long) Math.min(maxNanos, lower + random.nextDouble() * (upper - lower));
            }
            default:
                return base;
        }
    }

    /** {@code min(max, initial * multiplier^retry)} without overflow. */
    long exponential(int retry) {
        double value = initialNanos * Math.pow(multiplier, retry);
        return value >= maxNanos ? maxNanos : (long) value;
    }
}
