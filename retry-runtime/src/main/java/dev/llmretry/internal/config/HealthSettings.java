package dev.llmretry.internal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code health:} section of retry.yaml: where endpoint health is persisted across restarts, and the window of
 * the success rate. Immutable and thread-safe.
 *
 * <pre>{@code
 * health: { file: .llmretry/health.json, window: 60s }
 * }</pre>
 */
public final class HealthSettings {
    private static final HealthSettings DEFAULTS = new HealthSettings(null, Duration.ofSeconds(60));

    private final Path file;
    private final Duration window;

    private HealthSettings(Path file, Duration window) {
        this.file = file;
        this.window = window;
    }

    /** No file, a 60s window. */
    public static HealthSettings defaults() {
        return DEFAULTS;
    }

    /**
     * @param file   where health is persisted, or {@code null} for nowhere
     * @param window the success-rate window; above zero
     */
    public static HealthSettings of(Path file, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("health window must be > 0, was " + window);
        }
        return new HealthSettings(file, window);
    }

    /** The file health is persisted to and reloaded from (relative to the working directory), or {@code null}. */
    public Path file() { return file; }

    /** How far back the success rate looks; above zero. */
    public Duration window() { return window; }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthSettings && Objects.equals(((HealthSettings) o).file, file)
                && ((HealthSettings) o).window.equals(window);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, window);
    }

    @Override
    public String toString() {
        return "HealthSettings{file=" + file + ", window=" + Durations.exact(window) + "}";
    }
}
