package dev.llmretry.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.classify.Decision;
import dev.llmretry.event.RetryScheduled;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The live countdown is redrawn with {@code \r}: each frame must fit in one row, or a wrapped copy stays behind. */
class LiveLineWidthTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void retryLineWiderThanTheTerminal_headOnceThenTheBarOnItsOwnRow_everyFrameFits(int columns) {
        runCountdown(columns);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, count(text, "iag attempt 1/6 failed"), "the long head is printed once: " + text);
        for (String frame : frames(text)) {
            assertTrue(Columns.of(frame) < columns, "a frame of " + Columns.of(frame) + " columns at " + columns
                    + ": [" + frame + "]");
        }
        assertTrue(text.contains("\r" + "\u001b[33m" + Console.BAR_INDENT + "[" + "\u2588".repeat(20) + "] 0.0s"),
                "the bar ends full on its own row: " + text);
    }

    @ParameterizedTest
    @ValueSource(ints = {160, 200})
    void retryLineThatFits_headAndBarShareOneRow(int columns) {
        runCountdown(columns);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("next attempt in 0.3s [" + "\u2588".repeat(20) + "] 0.0s"), text);
        for (String frame : frames(text)) assertTrue(Columns.of(frame) < columns, frame);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 30})
    void terminalNarrowerThanTheBar_frameIsClipped(int columns) {
        runCountdown(columns);
        List<String> frames = frames(bytes.toString(StandardCharsets.UTF_8));
        assertTrue(frames.size() >= 3, "drawn, redrawn, finished: " + frames);
        for (String frame : frames) assertTrue(Columns.of(frame) < columns, frame);
    }

    private void runCountdown(int columns) {
        Duration delay = Duration.ofMillis(300);
        Instant now = Instant.now();
        LlmHttpException cause = new LlmHttpException(429, Map.of("retry-after", List.of("2")),
                "{\"error\":{\"code\":\"rate_limit_exceeded\"}}");
        try (ConsoleNotifier notifier = new ConsoleNotifier(new Console(out, true, true, columns))) {
            notifier.onRetryScheduled(new RetryScheduled(1, "m", now, 1, 6, "iag", cause, "429", Decision.RETRY,
                    "rate_limit_exceeded", delay, now.plus(delay)));
            await().atMost(Duration.ofSeconds(5)).until(() -> frames(bytes.toString(StandardCharsets.UTF_8)).size() >= 2);
        }
    }

    /** What each {@code \r}-redraw draws in place (up to the next redraw or line end), colours and erase codes removed. */
    private static List<String> frames(String text) {
        String[] parts = text.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").split("\r", -1);
        return java.util.Arrays.stream(parts).skip(1).map(p -> p.split("\n", -1)[0]).toList();
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
