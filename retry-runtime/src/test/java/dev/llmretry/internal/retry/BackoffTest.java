package dev.llmretry.internal.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.internal.config.RetrySettings;
import dev.llmretry.internal.config.SettingsPatch;
import dev.llmretry.time.RandomSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    static final long S = 1_000_000_000L;

    static Backoff backoff(String jitter, String initial, String max, double multiplier) {
        RetrySettings s = RetrySettings.defaults().apply(SettingsPatch.retry("test", "")
                .put("jitter", jitter).put("initial-backoff", initial).put("max-backoff", max)
                .put("multiplier", multiplier).build());
        return Backoff.of(s);
    }

    @Test
    void noJitter_growsByMultiplier_untilCapped() {
        Backoff b = backoff("none", "1s", "10s", 2.0);
        RandomSource r = RandomSource.seeded(1);
        long[] expected = {1 * S, 2 * S, 4 * S, 8 * S, 10 * S, 10 * S};
        for (int n = 0; n < expected.length; n++) assertEquals(expected[n], b.delayNanos(n, 0, r), "retry " + n);
    }

    @Test
    void hugeRetryNumber_staysAtTheCap_withoutOverflow() {
        Backoff b = backoff("none", "1s", "30s", 3.0);
        assertEquals(30 * S, b.delayNanos(10_000, 0, RandomSource.seeded(1)));
    }

    @Test
    void multiplierOne_keepsTheDelayConstant() {
        Backoff b = backoff("none", "500ms", "30s", 1.0);
        assertEquals(Duration.ofMillis(500).toNanos(), b.delayNanos(7, 0, RandomSource.seeded(1)));
    }

    @Test
    void fullJitter_staysWithinZeroAndTheExponentialDelay_andSpreads() {
        Backoff b = backoff("full", "1s", "30s", 2.0);
        RandomSource r = RandomSource.seeded(42);
        long min = Long.MAX_VALUE, max = 0;
        for (int i = 0; i < 1000; i++) {
            long d = b.delayNanos(2, 0, r);
            assertTrue(d >= 0 && d <= 4 * S, "delay " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < S && max > 3 * S, "full jitter should spread over [0, 4s]: " + min + ".." + max);
    }

    @Test
    void equalJitter_staysWithinHalfAndAllOfTheExponentialDelay() {
        Backoff b = backoff("equal", "1s", "30s", 2.0);
        RandomSource r = RandomSource.seeded(42);
        for (int i = 0; i < 1000; i++) {
            long d = b.delayNanos(2, 0, r);
            assertTrue(d >= 2 * S && d <= 4 * S, "delay " + d);
        }
    }

    @Test
    void decorrelatedJitter_staysBetweenInitialAndThreeTimesPrevious_cappedAtMax() {
        Backoff b = backoff("decorrelated", "1s", "10s", 2.0);
        RandomSource r = RandomSource.seeded(3);
        long previous = 0;
        for (int i = 0; i < 200; i++) {
            long d = b.delayNanos(i, previous, r);
            long upper = Math.min(10 * S, (previous == 0 ? S : previous) * 3);
            assertTrue(d >= S && d <= upper, "delay " + d + " after " + previous);
            previous = d;
        }
    }

    @Test
    void sameSeed_sameSchedule() {
        Backoff b = backoff("full", "1s", "30s", 2.0);
        RandomSource r1 = RandomSource.seeded(9), r2 = RandomSource.seeded(9);
        for (int n = 0; n < 10; n++) assertEquals(b.delayNanos(n, 0, r1), b.delayNanos(n, 0, r2));
    }
}
