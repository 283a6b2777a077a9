package dev.llmretry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void countdown_fillsUpAsTheWaitPasses() {
        ProgressBar bar = new ProgressBar(10, false);
        Duration total = Duration.ofSeconds(2);
        assertEquals("[----------] 2.0s", bar.render(total, total));
        assertEquals("[#####-----] 1.0s", bar.render(total, Duration.ofSeconds(1)));
        assertEquals("[##########] 0.0s", bar.render(total, Duration.ZERO));
    }

    @Test
    void remainingOutsideTheWait_isClamped() {
        ProgressBar bar = new ProgressBar(4, true);
        assertEquals("[\u2588\u2588\u2588\u2588] 0.0s", bar.render(Duration.ofMillis(400), Duration.ofMillis(-50)));
        assertEquals("[\u2591\u2591\u2591\u2591] 0.4s", bar.render(Duration.ofMillis(400), Duration.ofSeconds(9)));
    }
}
