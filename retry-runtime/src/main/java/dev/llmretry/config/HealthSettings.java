package dev.llmretry.config;

import dev.llmretry.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code health:} section of retry.yaml: where endpoint health is persisted across restarts, and the window of
 * the success rate, and the store that shares circuit state with the rest of a fleet. Immutable and thread-safe.
 *
 * <pre>{@code
 * health: { file: .llmretry/health.json, window: 60s }
 * health: { store: redis, redis-uri: "redis://:${REDIS_PASSWORD}@cache.internal:6379" }
 * }</pre>
 */
public final class HealthSettings {
    private static final HealthSettings DEFAULTS = new HealthSettings(null, Duration.ofSeconds(60), StoreSettings.local());

    private final Path file;
    private final Duration window;
    private final StoreSettings store;

    private HealthSettings(Path file, Duration window, StoreSettings store) {
        this.file = file;
        this.window = window;
        this.store = store;
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
        return of(file, window, StoreSettings.local());
    }

    /**
     * @param file   where health is persisted, or {@code null} for nowhere
     * @param window the success-rate window; above zero
     * @param store  the store circuit state is shared through ({@link StoreSettings#local()}: none)
     */
    public static HealthSettings of(Path file, Duration window, StoreSettings store) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("health window must be > 0, was " + window);
        }
        return new HealthSettings(file, window, java.util.Objects.requireNonNull(store, "store"));
    }

    /** The file health is persisted to and reloaded from (relative to the working directory), or {@code null}. */
    public Path file() { return file; }

    /** How far back the success rate looks; above zero. */
    public Duration window() { return window; }

    /** The store endpoint circuit state is shared through ({@code health.store}, {@code health.redis-uri}). */
    public StoreSettings store() { return store; }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthSettings && Objects.equals(((HealthSettings) o).file, file)
                && ((HealthSettings) o).window.equals(window) && ((HealthSettings) o).store.equals(store);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, window, store);
    }

    @Override
    public String toString() {
        return "HealthSettings{file=" + file + ", window=" + Durations.exact(window)
                + (store.shared() ? ", " + store : "") + "}";
    }
}
