package dev.llmretry.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmretry.internal.breaker.BreakerState;
import dev.llmretry.internal.breaker.CircuitBreaker;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.config.BreakerSettings;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deterministic reproduction of the out-of-order notifications the soak found: the thread that opens the circuit
 * is held up between its state change and its notification (here: its listener waits) while another thread makes
 * the next two changes. Listeners must still see the changes in the order they happened.
 */
class BreakerNotificationOrderTest {
    @Test
    void openerDelayedBeforeNotifying_nextChangesByAnotherThread_notifiedInOrder() throws Exception {
        VirtualClock clock = new VirtualClock();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch laterChangesMade = new CountDownLatch(1);
        CircuitBreaker breaker = new CircuitBreaker("iag", BreakerSettings.defaults(), () -> clock, (b, from, to, at) -> () -> {
            if (from == CircuitState.CLOSED) awaitQuietly(laterChangesMade); // the opener's delivery is held up here
            seen.add(from + "->" + to);
        });

        Thread opener = new Thread(() -> {
            for (int i = 0; i < 3; i++) breaker.onFailure(breaker.tryAcquire()); // failure-threshold 3: opens
        }, "opener");
        opener.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> breaker.state() == CircuitState.OPEN);
        clock.advance(Duration.ofSeconds(121));
        BreakerState trial = breaker.tryAcquire();   // OPEN -> HALF_OPEN: queued behind the opener's notice
        breaker.onFailure(trial);                     // HALF_OPEN -> OPEN
        laterChangesMade.countDown();
        opener.join(5_000);

        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN"), seen);
    }

    /** Waits at most briefly for the other thread's later changes, which are queued behind this notice. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(300, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
