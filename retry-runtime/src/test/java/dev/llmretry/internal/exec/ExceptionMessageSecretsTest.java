package dev.llmretry.internal.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.internal.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that echoes the configured key in its error body (Google does: "API key AIza... not valid") must not
 * put it into LlmHttpException's message, which users log and which stack traces show: the configured keys are
 * masked there too, at every offset of the excerpt's cut.
 */
class ExceptionMessageSecretsTest {
    static final String KEY = "AIzaSyB-echoedKey0004-XXXXXXXXXXXXXXXX";

    @AfterEach
    void forget() {
        LlmRuntime.get().resetState();
        Redactor.install(Redactor.none());
    }

    @Test
    void configuredKeyEchoedInTheBody_atEveryOffset_exceptionMessageShowsNoPartOfIt() {
        LlmRuntime.get().useConfig(ConfigLoader.parse("retry.yaml", "endpoints:\n  google: { url: "
                + "\"https://gl.example/v1\", api-key: \"" + KEY + "\" }\n", Map.<String, String>of()::get));
        for (int offset = 0; offset <= 260; offset++) {
            String body = "{\"error\":{\"message\":\"" + "q".repeat(offset) + " API key " + KEY + " not valid\"}}";
            String message = new LlmHttpException(400, Map.of(), body).getMessage();
            for (int i = 0; i + 4 <= KEY.length(); i++) {
                String part = KEY.substring(i, i + 4);
                assertFalse(message.contains(part), "'" + part + "' survived at offset " + offset + ": " + message);
            }
        }
        assertTrue(new LlmHttpException(400, Map.of(), "bad key " + KEY).getMessage().endsWith("bad key ****"));
    }
}
