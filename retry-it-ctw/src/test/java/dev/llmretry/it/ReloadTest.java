package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.LlmRetryConfig;
import dev.llmretry.config.LlmRetryConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** retry.yaml from the llmretry.config path, methods: overrides, reload() keeping the last good configuration. */
class ReloadTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    @TempDir Path dir;
    final ScriptedBackend backend = new ScriptedBackend();
    final ChatService service = new ChatService(backend);
    Path file;
    String previous;

    static String override(int attempts) {
        return "methods:\n  \"dev.llmretry.it.ChatService#ask\":\n    retry: { max-attempts: " + attempts + " }\n";
    }

    @BeforeEach
    void pointAtFile() throws Exception {
        file = dir.resolve("retry.yaml");
        Files.writeString(file, override(2));
        previous = System.setProperty("llmretry.config", file.toString());
        fresh.reset();
    }

    @AfterEach
    void restore() {
        if (previous == null) System.clearProperty("llmretry.config");
        else System.setProperty("llmretry.config", previous);
        fresh.reset();
    }

    void scriptFailures(int n) {
        for (int i = 0; i < n; i++) backend.script("ask", new LlmHttpException(503, Map.of(), ""));
    }

    @Test
    void methodsEntry_overridesTheAnnotation_keyByKey() {
        scriptFailures(3);
        assertThrows(LlmHttpException.class, () -> service.ask("q"));
        assertEquals(2, backend.calls().size(), "methods: max-attempts 2 wins over @LlmRetry(maxAttempts = 4)");
    }

    @Test
    void brokenFileOnReload_keepsTheLastGoodConfiguration_andSaysWhy() throws Exception {
        LlmRetryConfig good = dev.llmretry.internal.exec.LlmRuntime.get().config();
        Files.writeString(file, override(0));

        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, LlmResilience::reload);

        assertTrue(e.getMessage().contains("max-attempts was 0"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()) || e.getMessage().contains("retry.yaml"), e.getMessage());
        assertSame(good, dev.llmretry.internal.exec.LlmRuntime.get().config());
        scriptFailures(3);
        assertThrows(LlmHttpException.class, () -> service.ask("q"));
        assertEquals(2, backend.calls().size(), "still the last good max-attempts");
    }

    @Test
    void fixedFileOnReload_appliesToTheNextCall() throws Exception {
        scriptFailures(1);
        assertEquals("answer from ask to a", service.ask("a"));
        Files.writeString(file, override(1));

        LlmResilience.reload();
        scriptFailures(1);

        assertThrows(LlmHttpException.class, () -> service.ask("b"));
        assertEquals(3, backend.calls().size());
    }

    @Test
    void brokenFileAtStart_everyProtectedCallFailsWithTheConfigError() throws Exception {
        Files.writeString(file, "retry:\n  default: { max-atempts: 3 }\n");
        fresh.reset();

        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> service.ask("q"));

        assertTrue(e.getMessage().contains("max-atempts"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'max-attempts'"), e.getMessage());
        assertEquals(0, backend.calls().size(), "nothing runs unprotected");
    }
}
