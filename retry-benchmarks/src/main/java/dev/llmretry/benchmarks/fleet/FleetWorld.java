package dev.llmretry.benchmarks.fleet;

import dev.llmretry.testing.VirtualClock;
import java.util.function.Consumer;

/**
 * The endpoints of the fleet simulation: {@code iag} is dead (503 after {@link #ERROR_NANOS}) from
 * {@link #DEAD_FROM} for {@link #DEAD_FOR}, otherwise it and {@code oneapi} answer after {@link #ANSWER_NANOS}.
 * Counts the requests the dead endpoint got, the backoff waits begun after the fleet's first opening, and when that
 * was. Single-threaded.
 */
final class FleetWorld {
    static final long SECOND = 1_000_000_000L;
    static final long ANSWER_NANOS = SECOND;
    static final long ERROR_NANOS = 50_000_000L;
    static final long DEAD_FROM = 60 * SECOND;
    static final long DEAD_FOR = 600 * SECOND;

    private final VirtualClock clock;
    int deadRequests;
    int backoffsAfterOpen;
    long firstOpen = -1;

    FleetWorld(VirtualClock clock) {
        this.clock = clock;
    }

    boolean dead(long now) {
        return now >= DEAD_FROM && now < DEAD_FROM + DEAD_FOR;
    }

    void send(String endpoint, Consumer<Boolean> answer) {
        long now = clock.nanoTime();
        boolean fails = endpoint.equals("iag") && dead(now);
        if (fails) deadRequests++;
        clock.schedule(() -> answer.accept(!fails), fails ? ERROR_NANOS : ANSWER_NANOS);
    }

    /** A circuit opened somewhere in the fleet. */
    void opened(long now) {
        if (firstOpen < 0 && dead(now)) firstOpen = now;
    }

    /** How long after the fleet's first opening a backoff still counts as unavoidable: the store's propagation. */
    static final long GRACE_NANOS = 10_000_000L;

    /** A call begins a backoff wait: counted once the fleet's first opening could have reached every instance. */
    void backoff(long now) {
        if (firstOpen >= 0 && now >= firstOpen + GRACE_NANOS && dead(now)) backoffsAfterOpen++;
    }
}
