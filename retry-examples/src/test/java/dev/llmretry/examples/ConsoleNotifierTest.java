package dev.llmretry.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.classify.Decision;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.RetryScheduled;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleNotifierTest {
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void terminal_retryDrawsAYellowCountdownRedrawnInPlace_thenCyanFailoverOnItsOwnLine() {
        try (ConsoleNotifier notifier = new ConsoleNotifier(new Console(out, true))) {
            notifier.onRetryScheduled(retry(Duration.ofMillis(300)));
            await().atMost(Duration.ofSeconds(5)).until(() -> text().contains("] 0.0s"));
            notifier.onFailover(new FailedOver(1, "m", Instant.now(), 3, "iag", "oneapi", "circuit_open",
                    http504(), "504"));
        }
        String text = text();
        assertTrue(text.contains(YELLOW + "  \u27f3 iag attempt 1/6 failed: 504 Gateway Timeout"), text);
        assertTrue(text.chars().filter(c -> c == '\r').count() >= 3, "the countdown is redrawn with \\r: " + text);
        assertTrue(text.contains("[" + "\u2588".repeat(20) + "] 0.0s"), "the bar ends full: " + text);
        assertTrue(text.contains("\n" + CYAN + "  \u21aa failover iag \u2192 oneapi (circuit_open)"), text);
    }

    @Test
    void notATerminal_oneAsciiLinePerEventWithoutEscapes() {
        try (ConsoleNotifier notifier = new ConsoleNotifier(new Console(out, false))) {
            notifier.onRetryScheduled(retry(Duration.ofMillis(400)));
        }
        assertEquals("  RETRY     iag attempt 1/6 failed: 504 Gateway Timeout - next attempt in 0.4s"
                + System.lineSeparator(), text());
    }

    private static RetryScheduled retry(Duration delay) {
        Instant now = Instant.now();
        return new RetryScheduled(1, "m", now, 1, 6, "iag", http504(), "504", Decision.RETRY, "server_error", delay,
                now.plus(delay));
    }

    private static LlmHttpException http504() {
        return new LlmHttpException(504, Map.of("content-type", List.of("text/plain")), "");
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
