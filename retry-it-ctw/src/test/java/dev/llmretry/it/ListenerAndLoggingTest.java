package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.event.LlmRetryListener;
import dev.llmretry.event.RetryScheduled;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listeners from ServiceLoader, a throwing listener, and what the default SLF4J logging prints (secrets masked). */
class ListenerAndLoggingTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final ScriptedBackend backend = new ScriptedBackend();
    final ChatService service = new ChatService(backend);

    @Test
    void listenerFromServiceLoader_receivesEvents() throws Exception {
        int before = ServiceLoadedListener.SUCCESSES.size();
        service.ask("q");
        assertEquals(before + 1, ServiceLoadedListener.SUCCESSES.size());
        assertEquals("dev.llmretry.it.ChatService#ask", ServiceLoadedListener.SUCCESSES.get(before).method());
    }

    @Test
    void throwingListener_neverBreaksTheCall_andIsLoggedOnce() throws Exception {
        LlmRetryListener broken = new LlmRetryListener() {
            @Override
            public void onRetryScheduled(RetryScheduled e) {
                throw new IllegalStateException("listener bug");
            }
        };
        LlmResilience.addListener(broken);
        try {
            String log = captureStderr(() -> {
                backend.script("ask", new LlmHttpException(503, Map.of(), ""), new LlmHttpException(503, Map.of(), ""));
                assertEquals("answer from ask to q", service.ask("q"));
                backend.script("ask", new LlmHttpException(503, Map.of(), ""));
                assertEquals("answer from ask to r", service.ask("r"));
            });
            assertEquals(1, log.split("listener bug", -1).length - 1, log);
            assertTrue(log.contains("the call goes on"), log);
        } finally {
            LlmResilience.removeListener(broken);
        }
    }

    @Test
    void failedAttempt_loggedAsWarn_withAttemptEndpointCauseAndWait_secretsMasked() throws Exception {
        String log = captureStderr(() -> {
            backend.script("iag", new LlmHttpException(504, Map.of(),
                    "{\"error\":{\"message\":\"upstream rejected key sk-it-iag-secret-123456\"}}"));
            service.chat("q", null);
        });

        assertTrue(log.contains("WARN dev.llmretry - Attempt 1/6 failed on iag: 504 Gateway Timeout"), log);
        assertTrue(log.contains("Retrying in 1.0s"), log);
        assertFalse(log.contains("sk-it-iag-secret-123456"), "the api key of iag leaked into the log: " + log);
        assertFalse(LlmResilience.health().toJson().contains("sk-it-iag-secret-123456"));
        assertTrue(fresh.events.stream().noneMatch(e -> e.toString().contains("sk-it-iag-secret-123456")));
    }

    static String captureStderr(ThrowingRunnable body) throws Exception {
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

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
