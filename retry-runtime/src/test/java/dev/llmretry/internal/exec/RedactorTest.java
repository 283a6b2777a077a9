package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    final Redactor redactor = new Redactor(List.of("k3y-of-iag-0001", "proxy-pw-777", ""));

    @Test
    void configuredSecrets_andRecognisableTokens_areMasked() {
        String text = redactor.mask("key k3y-of-iag-0001, proxy proxy-pw-777, Authorization: Bearer abc.def-123, "
                + "sk-proj-ABCDEF123456, api_key=zzz999, {\"password\": \"p@ss\"}");
        for (String secret : List.of("k3y-of-iag-0001", "proxy-pw-777", "abc.def-123", "ABCDEF123456", "zzz999", "p@ss")) {
            assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
        assertTrue(text.contains("Bearer ****"), text);
    }

    @Test
    void summary_ofHttpFailure_isStatusAndReason_ofOtherFailures_classAndMessage() {
        assertTrue(redactor.summary(new LlmHttpException(504, Map.of(), "")).startsWith("504 Gateway Timeout"));
        assertEquals("IOException: Connection reset", redactor.summary(new IOException("Connection reset")));
        assertEquals("IllegalStateException", redactor.summary(new IllegalStateException()));
    }

    @Test
    void summary_isOneBoundedLine_withSecretsMasked() {
        String s = redactor.summary(new IOException("first line k3y-of-iag-0001\nsecond line\n" + "x".repeat(1000)));
        assertEquals("IOException: first line ****", s);
        String longOne = redactor.summary(new IOException("y".repeat(1000)));
        assertTrue(longOne.length() < 300, longOne);
    }
}
