package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.testing.LlmRetryTest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Declarations retry-processor refuses at compile time, woven here with no processor (load-time weaving, tests
 * compiled by plain javac; in this package to share retry-it-ctw's log capture): the call still runs as declared, as it always did, but the plan's first build logs the
 * processor's sentence, so the mistake is not silent.
 */
@LlmRetryTest
class UncheckedDeclarationTest {

    public static class Chat {
        @Failover(endpoints = {"iag", "oneapi", "iag"})
        public String twice(Endpoint endpoint) {
            return "answer from " + endpoint.name();
        }

        @LlmRetry(maxAttempts = 2, retryOn = SocketTimeoutException.class, abortOn = IOException.class)
        public String deadRetryOn(String q) {
            return "answer to " + q;
        }
    }

    final Chat chat = new Chat();

    @Test
    void endpointListedTwice_runsAsDeclared_andTheLogSaysWhatTheCompilerWouldHave() throws Exception {
        String log = ListenerAndLoggingTest.captureStderr(() -> assertEquals("answer from iag", chat.twice(null)));
        assertTrue(log.contains("WARN") && log.contains("lists endpoint 'iag' more than once; it would be tried twice. "
                + "Remove the duplicate."), log);
        assertTrue(log.contains("retry-processor rejects this at compile time"), log);
    }

    @Test
    void retryOnThatAbortOnMakesDead_runsAsDeclared_andTheLogSaysWhatTheCompilerWouldHave() throws Exception {
        String log = ListenerAndLoggingTest.captureStderr(() -> assertEquals("answer to q", chat.deadRetryOn("q")));
        assertTrue(log.contains("WARN") && log.contains("retryOn lists SocketTimeoutException, a subclass of "
                + "IOException in abortOn"), log);
    }
}
