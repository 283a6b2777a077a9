package dev.llmretry.benchmarks.sim;

import dev.llmretry.testing.VirtualClock;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Resilience4j's usual set-up on one endpoint: {@code Retry} outside {@code CircuitBreaker}, both with their
 * defaults. The breaker is the real Resilience4j 2.4.0 {@link CircuitBreaker} (failure rate 50% over the last 100
 * calls, at least 100 calls, 60 s open, 10 half-open trial calls) driven by a {@link Clock} over the virtual clock.
 * The retry is a faithful re-implementation of {@code Retry.ofDefaults()}'s behaviour (3 attempts, fixed 500 ms
 * wait, every exception retried, including the breaker's {@link CallNotPermittedException}) scheduled on the
 * virtual clock, because Resilience4j's retry sleeps or needs a real scheduler.
 */
final class Resilience4jClient implements Client {
    private static final int MAX_ATTEMPTS = 3;
    private static final long WAIT_NANOS = 500_000_000L;

    private final VirtualClock clock;
    private final World world;
    private final CircuitBreaker breaker;
    private final long timeoutNanos;

    Resilience4jClient(VirtualClock clock, World world, long timeoutNanos) {
        this.clock = clock;
        this.world = world;
        this.timeoutNanos = timeoutNanos;
        this.breaker = CircuitBreaker.of("primary", CircuitBreakerConfig.custom().clock(new VirtualJavaClock(clock)).build());
    }

    @Override
    public CompletableFuture<?> call(int user) {
        CompletableFuture<String> result = new CompletableFuture<>();
        attempt(user, 1, result);
        return result;
    }

    private void attempt(int user, int n, CompletableFuture<String> result) {
        if (!breaker.tryAcquirePermission()) {
            next(user, n, result, CallNotPermittedException.createCallNotPermittedException(breaker));
            return;
        }
        world.send(World.PRIMARY, user, timeoutNanos).whenComplete((answer, failure) -> {
            if (failure == null) {
                breaker.onSuccess(0, TimeUnit.NANOSECONDS);
                result.complete(answer);
            } else {
                breaker.onError(0, TimeUnit.NANOSECONDS, failure);
                next(user, n, result, failure);
            }
        });
    }

    private void next(int user, int n, CompletableFuture<String> result, Throwable failure) {
        if (n >= MAX_ATTEMPTS) result.completeExceptionally(failure);
        else clock.schedule(() -> attempt(user, n + 1, result), WAIT_NANOS);
    }

    /** A {@link Clock} reading the virtual clock, for Resilience4j's open-state timer. */
    private static final class VirtualJavaClock extends Clock {
        private final VirtualClock clock;

        VirtualJavaClock(VirtualClock clock) {
            this.clock = clock;
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return clock.now(); }
    }
}
