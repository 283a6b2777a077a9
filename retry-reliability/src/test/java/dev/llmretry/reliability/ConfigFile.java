package dev.llmretry.reliability;

import dev.llmretry.internal.exec.LlmRuntime;
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

    /** Writes {@code yaml}, points {@code llmretry.config} at it and resets the runtime. */
    ConfigFile(Path dir, String yaml) throws IOException {
        file = dir.resolve("retry.yaml");
        replace(yaml);
        previous = System.setProperty("llmretry.config", file.toString());
        LlmRuntime.get().resetState();
    }

    void replace(String yaml) throws IOException {
        Path next = Files.writeString(file.resolveSibling("retry.yaml.next"), yaml);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Puts {@code llmretry.config} back; resets the runtime unless told not to (it may be deadlocked). */
    void restore(boolean resetRuntime) {
        if (previous == null) System.clearProperty("llmretry.config");
        else System.setProperty("llmretry.config", previous);
        if (resetRuntime) LlmRuntime.get().resetState();
    }
}
