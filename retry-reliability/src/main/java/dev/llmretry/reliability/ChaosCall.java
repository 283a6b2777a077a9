package dev.llmretry.reliability;

import java.util.SplittableRandom;

/**
 * One chaos call's own seeded random source and attempt count. The attempts of one call run one after another
 * (possibly on different threads), so the methods are synchronized only for visibility, never contended.
 */
public final class ChaosCall {
    private final SplittableRandom random;
    private int attempts;

    public ChaosCall(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The fault for the next attempt, drawn from this call's random source. */
    synchronized Fault nextFault() {
        attempts++;
        return Fault.pick(random.nextInt(100));
    }

    /** A uniform int in [0, bound). */
    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Attempts (body invocations) this call made so far. */
    public synchronized int attempts() {
        return attempts;
    }
}
