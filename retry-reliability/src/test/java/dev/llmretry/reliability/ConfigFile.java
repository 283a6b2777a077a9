package dev.llmretry.reliability;

import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.time.RandomSource;
import dev.llmretry.time.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A retry.yaml for one test, named by {@code llmretry.config} and replaced atomically as a deployment tool does (a
 * reload never reads a half-written file: an empty one would be valid). Not thread-safe; {@link #replace} may be
 * called from one other thread.
 */
final class ConfigFile {
    private final Path file;
    private final String previous;
    private final LlmRuntime.Installation installation;

    /** Writes {@code yaml}, points {@code llmretry.config} at it and installs a fresh runtime on real time. */
    ConfigFile(Path dir, String yaml) throws IOException {
        file = dir.resolve("retry.yaml");
        replace(yaml);
        previous = System.setProperty("llmretry.config", file.toString());
        installation = LlmRuntime.get().install(TimeSource.system(), RandomSource.threadLocal(), null);
    }

    /** Forgets every breaker, health counter, plan and the configuration, as a restart would; may race with calls. */
    void resetRuntime() {
        installation.reset();
    }

    void replace(String yaml) throws IOException {
        Path next = Files.writeString(file.resolveSibling("retry.yaml.next"), yaml);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Puts {@code llmretry.config} back; restores the runtime unless told not to (it may be deadlocked). */
    void restore(boolean resetRuntime) {
        if (previous == null) System.clearProperty("llmretry.config");
        else System.setProperty("llmretry.config", previous);
        if (resetRuntime) installation.close();
    }
}
