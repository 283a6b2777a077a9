package dev.llmretry.internal.event;

import dev.llmretry.event.CallExhausted;
import dev.llmretry.event.StreamIncomplete;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default log lines read as English: "after 1 attempt", "after 3 attempts", "after 1 element". */
class LoggingListenerTest {
    final LoggingListener logging = new LoggingListener();

    static String captureStderr(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static CallExhausted exhausted(int attempts) {
        return new CallExhausted(7, "com.acme.Chat#ask", Instant.EPOCH, attempts, List.of("iag"), "attempts_exhausted",
                new IOException("reset"), "IOException: reset");
    }

    @Test
    void oneAttempt_exhaustedLine_saysAttemptInTheSingular() {
        String log = captureStderr(() -> logging.onExhausted(exhausted(1)));
        assertTrue(log.contains("failed after 1 attempt on [iag]"), log);
    }

    @Test
    void threeAttempts_exhaustedLine_saysAttempts() {
        String log = captureStderr(() -> logging.onExhausted(exhausted(3)));
        assertTrue(log.contains("failed after 3 attempts on [iag]"), log);
    }

    @Test
    void oneElement_streamIncompleteLine_saysElementInTheSingular() {
        String log = captureStderr(() -> logging.onStreamIncomplete(new StreamIncomplete(7, "com.acme.Chat#stream",
                Instant.EPOCH, "iag", 1, new IOException("cut"), "IOException: cut")));
        assertTrue(log.contains("failed after 1 element: IOException: cut"), log);
    }
}
