package dev.llmretry.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmretry.LlmResilience;
import dev.llmretry.breaker.CircuitState;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.internal.exec.TargetView;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Woven end to end: after reload() the Endpoint injected into a method is the new one (rotated api-key, new url and
 * model, new priority order), while an open circuit stays open.
 */
class ReloadRotatesEndpointsTest {
    @TempDir Path dir;
    ConfigFile file;

    static String yaml(String key, String model, int iagPriority) {
        return """
                endpoints:
                  iag:    { url: "https://iag-%1$s.example/v1", model: %2$s, api-key: "%1$s", priority: %3$d }
                  oneapi: { url: "https://oneapi.example/v1", model: gpt-4o, api-key: "oneapi-key-0001", priority: 2 }
                """.formatted(key, model, iagPriority);
    }

    @BeforeEach
    void pointAtFile() throws Exception {
        file = new ConfigFile(dir, yaml("iag-key-0001", "gpt-4o", 1));
    }

    @AfterEach
    void restore() {
        file.restore(true);
    }

    @Test
    void rotatedKeyAndModel_reload_theNextCallIsInjectedTheNewEndpoint() throws Exception {
        ReloadService service = new ReloadService(Integer.MAX_VALUE);
        assertEquals("iag https://iag-iag-key-0001.example/v1 gpt-4o iag-key-0001", service.whoAnswers("q", null));

        file.replace(yaml("iag-key-0002", "gpt-4.1", 1));
        LlmResilience.reload();

        assertEquals("iag https://iag-iag-key-0002.example/v1 gpt-4.1 iag-key-0002", service.whoAnswers("q", null));
    }

    @Test
    void swappedPriorities_reload_theNextCallGoesToTheNewFirst_andAnOpenCircuitStaysOpen() throws Exception {
        ReloadService service = new ReloadService(Integer.MAX_VALUE);
        assertEquals("iag", service.whoAnswers("q", null).split(" ")[0]);
        TargetView oneapi = LlmRuntime.get().targets().stream().filter(t -> t.name().equals("oneapi")).findFirst()
                .orElseThrow();
        for (int i = 0; i < 3; i++) oneapi.breaker().onFailure(oneapi.breaker().tryAcquire());

        file.replace(yaml("iag-key-0001", "gpt-4o", 3));
        LlmResilience.reload();

        assertEquals(CircuitState.OPEN, oneapi.breaker().state(), "breaker state survives the reload");
        assertEquals("iag", service.whoAnswers("q", null).split(" ")[0], "oneapi is first now, but its circuit is open");
        LlmResilience.reset("oneapi");
        assertEquals("oneapi", service.whoAnswers("q", null).split(" ")[0]);
    }
}
