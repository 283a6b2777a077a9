package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.testing.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** health.file: an open circuit survives a restart until its probe time; a broken file is ignored. */
class HealthPersistenceTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    @TempDir Path dir;
    final ScriptedBackend backend = new ScriptedBackend();
    final ChatService service = new ChatService(backend);

    String yaml(Path file) {
        return """
                endpoints:
                  iag: { url: "https://iag.example/v1", api-key: "sk-persist-secret-998877" }
                  oneapi: { url: "https://oneapi.example/v1" }
                  litellm: { url: "https://litellm.example/v1" }
                health: { file: "%s" }
                """.formatted(file.toString().replace("\\", "/"));
    }

    @Test
    void openCircuit_isPersisted_andStillOpenAfterRestart_untilItsProbeTime() throws Exception {
        Path file = dir.resolve("state/health.json");
        fresh.useYaml(yaml(file));
        backend.script("iag", new LlmHttpException(504, Map.of(), "bad key sk-persist-secret-998877"),
                new LlmHttpException(504, Map.of(), ""), new LlmHttpException(504, Map.of(), ""));
        service.chat("q", null);
        assertTrue(LlmRuntime.get().flushHealth(Duration.ofSeconds(10)), "written in the background: flushed here");
        String json = Files.readString(file);
        assertTrue(json.contains("\"iag\":{\"state\":\"circuit_open\""), json);
        assertFalse(json.contains("sk-persist-secret-998877"), "no secret in the persisted file: " + json);

        // restart: all in-memory state is gone, time starts again from the same instant
        VirtualClock restarted = new VirtualClock();
        try (LlmRuntime.Installation restart = LlmRuntime.get().install(restarted, RandomSource.seeded(1), null)) {
            fresh.useYaml(yaml(file));

            assertEquals(dev.llmretry.health.HealthState.CIRCUIT_OPEN, LlmResilience.health().endpoint("iag").state());
            assertEquals("answer from oneapi to after-restart", service.chat("after-restart", null));
            restarted.advance(Duration.ofSeconds(124));
            assertEquals("answer from iag to probe", service.chat("probe", null));
            assertEquals(List.of("iag", "iag", "iag", "oneapi", "oneapi", "iag"), backend.calls());
        }
    }

    @Test
    void corruptHealthFile_isIgnored_everyCircuitStartsClosed() throws Exception {
        Path file = dir.resolve("health.json");
        Files.writeString(file, "{ this is not json");
        fresh.useYaml(yaml(file));

        assertEquals("answer from iag to q", service.chat("q", null));
        assertEquals(dev.llmretry.health.HealthState.HEALTHY, LlmResilience.health().endpoint("iag").state());
    }
}
