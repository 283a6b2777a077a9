package dev.llmretry.testing;

import java.util.SplittableRandom;

/**
 * One scripted fault and how often it fires: once unless told otherwise. Returned by every {@link FaultScript}
 * action; {@link #then()} goes back to the script to append the next step, which starts once this one is used up.
 *
 * <pre>{@code
 * faults.on("iag").fail(504).times(2).then().rateLimited(Duration.ofSeconds(3));
 * faults.on("oneapi").latency(Duration.ofSeconds(5)).always().lenient();
 * }</pre>
 *
 * <p>Thread-safe (guarded by the owning {@link Faults}).
 */
public final class FaultStep {
    static final int FOREVER = -1;

    private final FaultScript script;
    private final Fault fault;
    private final Object lock;
    private int limit = 1;
    private int fired;
    private int consulted;
    private boolean lenient;
    private SplittableRandom dice;
    private double probability = 1.0;

    FaultStep(FaultScript script, Fault fault, Object lock) {
        this.script = script;
        this.fault = fault;
        this.lock = lock;
    }

    /** Fires on the next {@code n} attempts (that reach this step), then gives way to the next step. */
    public FaultStep times(int n) {
        if (n < 1) throw new IllegalArgumentException("times(" + n + "): a fault fires at least once");
        synchronized (lock) {
            limit = n;
        }
        return this;
    }

    /** Fires on one attempt (the default). */
    public FaultStep once() {
        return times(1);
    }

    /** Fires on every attempt from now on; nothing can follow it. */
    public FaultStep always() {
        synchronized (lock) {
            limit = FOREVER;
        }
        return this;
    }

    /**
     * Fires on each attempt with probability {@code p}, decided by a generator seeded with {@code seed} (repeatable).
     * Counts with {@link #times} or {@link #always} as usual; an attempt it lets through passes to the real body.
     */
    public FaultStep withProbability(double p, long seed) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability must be in [0, 1], was " + p);
        synchronized (lock) {
            probability = p;
            dice = new SplittableRandom(seed);
        }
        return this;
    }

    /** Never fails the test for not firing, even with strict faults. */
    public FaultStep lenient() {
        synchronized (lock) {
            lenient = true;
        }
        return this;
    }

    /** Appends the next step to the same endpoint's or method's script. */
    public FaultScript then() {
        synchronized (lock) {
            if (limit == FOREVER) {
                throw new IllegalStateException(describe() + " fires forever (always()), so nothing after it could run");
            }
        }
        return script;
    }

    /** True while this step still has firings left. Caller holds the lock. */
    boolean active() {
        return limit == FOREVER || fired < limit;
    }

    /** True after {@link #always()}. Caller holds the lock. */
    boolean forever() {
        return limit == FOREVER;
    }

    /** Consumes one attempt: the fault to fire, or null when the dice let this attempt through. Caller holds the lock. */
    Fault take() {
        consulted++;
        if (dice != null && dice.nextDouble() >= probability) return null;
        fired++;
        return fault;
    }

    /** Whether strictness has nothing to say: fired (or, when probabilistic, at least consulted), or lenient. */
    boolean used(boolean strictByDefault) {
        return lenient || !strictByDefault || (dice != null ? consulted > 0 : fired > 0);
    }

    int fired() {
        return fired;
    }

    String describe() {
        String count = limit == FOREVER ? "always()" : "times(" + limit + ")";
        String odds = dice == null ? "" : " withProbability(" + probability + ")";
        return fault.description() + "." + count + odds;
    }
}
