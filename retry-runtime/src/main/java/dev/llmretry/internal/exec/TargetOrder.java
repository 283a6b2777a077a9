package dev.llmretry.internal.exec;

import dev.llmretry.annotation.FailoverStrategy;
import java.util.Arrays;
import java.util.Comparator;
import dev.llmretry.time.TimeSource;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every endpoint-order decision of a plan, in one place: which target a call tries first (by priority, round robin
 * or best recent success rate), which one it moves to after a failure, and which one gets a last-resort probe when
 * every circuit is open. Thread-safe (the round-robin counter is the only shared state).
 *
 * <pre>{@code
 * TargetOrder order = new TargetOrder(targets, FailoverStrategy.SUCCESS_RATE);
 * Permit permit = order.enter(time);                   // null: every circuit is open and no probe is due
 * Permit next = order.next(permit.target, tried, now);
 * }</pre>
 */
final class TargetOrder {
    final Target[] targets;
    final FailoverStrategy strategy;
    private final AtomicInteger roundRobin = new AtomicInteger();

    TargetOrder(Target[] targets, FailoverStrategy strategy) {
        this.targets = targets;
        this.strategy = strategy;
    }

    /**
     * A permit for a call's first attempt: on the target the strategy prefers, else the next one in order whose
     * circuit admits it, else a last-resort probe; {@code null} when none admits a call now.
     */
    Permit enter(TimeSource time) {
        int n = targets.length;
        int first = strategy == FailoverStrategy.ROUND_ROBIN && n > 1 ? Math.floorMod(roundRobin.getAndIncrement(), n)
                : strategy == FailoverStrategy.SUCCESS_RATE && n > 1 ? best(null, time.nanoTime()) // only then a clock read
                : 0;
        for (int i = 0; i < n; i++) {
            Permit permit = targets[(first + i) % n].tryAcquire();
            if (permit != null) return permit;
        }
        return lastResortProbe();
    }

    /**
     * A permit on the target a call moves to from {@code current}: the next untried one in order (with
     * {@code SUCCESS_RATE}, the untried one with the best recent record) whose circuit admits it; {@code null} when
     * none is left. Targets that refuse are marked in {@code tried} under {@code SUCCESS_RATE}, so they are not
     * picked again.
     */
    Permit next(Target current, boolean[] tried, long nowNanos) {
        int n = targets.length;
        int from = indexOf(current);
        for (int step = 1; step <= n; step++) {
            int i = strategy == FailoverStrategy.SUCCESS_RATE ? best(tried, nowNanos) : (from + step) % n;
            if (i < 0 || tried[i]) continue;
            Permit p = targets[i].tryAcquire();
            if (p != null) return p;
            if (strategy == FailoverStrategy.SUCCESS_RATE) tried[i] = true; // refused: don't pick it again
        }
        return null;
    }

    /** Index of the target with the best recent success rate among those not {@code skip}ped (the first on ties). */
    private int best(boolean[] skip, long nowNanos) {
        int best = -1;
        double bestRate = -1;
        for (int i = 0; i < targets.length; i++) {
            if (skip != null && skip[i]) continue;
            double rate = targets[i].health == null ? 1.0 : targets[i].health.successRate(nowNanos);
            if (rate > bestRate) {
                best = i;
                bestRate = rate;
            }
        }
        return best;
    }

    /**
     * Every circuit is open: a last-resort probe to the endpoint due soonest whose probe slot is free (each endpoint
     * admits at most two a second), so the end of a total outage is noticed within about a second instead of a
     * whole recovery-time; {@code null} when no endpoint admits one now.
     */
    private Permit lastResortProbe() {
        Target[] byDue = targets.clone();
        Arrays.sort(byDue, Comparator.comparing(Target::retryAt));
        for (Target t : byDue) {
            Permit probe = t.tryProbe();
            if (probe != null) return probe;
        }
        return null;
    }

    /** The index of {@code t}, which is one of these targets (a call's permits come from its own plan). */
    int indexOf(Target t) {
        for (int i = 0; i < targets.length; i++) if (targets[i] == t) return i;
        throw new IllegalStateException(t.name + " is not one of this plan's targets " + java.util.Arrays.stream(targets)
                .map(x -> x.name).toList());
    }
}
