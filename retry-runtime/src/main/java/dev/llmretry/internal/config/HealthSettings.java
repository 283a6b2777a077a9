package dev.llmretry.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
    /** The default {@code health.store}: nothing shared. */
    public static final String LOCAL = "local";
    private static final HealthSettings DEFAULTS = new HealthSettings(null, Duration.ofSeconds(60), LOCAL, null);

    private final Path file;
    private final Duration window;
    private final String store;
    private final String redisUri;

    private HealthSettings(Path file, Duration window, String store, String redisUri) {
        this.file = file;
        this.window = window;
        this.store = store;
        this.redisUri = redisUri;
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
        return of(file, window, LOCAL, null);
    }

    /**
     * @param file   where health is persisted, or {@code null} for nowhere
     * @param window the success-rate window; above zero
     * @param store    the store circuit state is shared through ({@value #LOCAL}: none)
     * @param redisUri the Redis server's URI ({@code store: redis}), or {@code null}
     */
    public static HealthSettings of(Path file, Duration window, String store, String redisUri) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("health window must be > 0, was " + window);
        }
        return new HealthSettings(file, window, Objects.requireNonNull(store, "store"), redisUri);
    }

    /** The file health is persisted to and reloaded from (relative to the working directory), or {@code null}. */
    public Path file() { return file; }

    /** How far back the success rate looks; above zero. */
    public Duration window() { return window; }

    /** The store endpoint circuit state is shared through ({@code health.store}): {@value #LOCAL} (default), {@code redis}. */
    public String store() { return store; }

    /** {@code health.redis-uri}, with its password (never log it; {@link #toString()} masks it), or {@code null}. */
    public String redisUri() { return redisUri; }

    /** What is wrong with a {@code redis-uri} ({@code redis://host:port} or {@code rediss://...}), or null. */
    public static String checkRedisUri(String text) {
        String expected = "a redis:// or rediss:// URI like redis://cache.internal:6379 (password: redis://:${REDIS_PASSWORD}@host:6379)";
        if (text == null || text.isBlank()) return expected;
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("redis") || scheme.equals("rediss")) && u.getHost() != null ? null : expected;
        } catch (URISyntaxException e) {
            return expected;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthSettings && Objects.equals(((HealthSettings) o).file, file)
                && ((HealthSettings) o).window.equals(window) && ((HealthSettings) o).store.equals(store)
                && Objects.equals(((HealthSettings) o).redisUri, redisUri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, window, store, redisUri);
    }

    @Override
    public String toString() {
        return "HealthSettings{file=" + file + ", window=" + Durations.exact(window)
                + (LOCAL.equals(store) ? "" : ", store=" + store) + (redisUri == null ? "" : ", redis-uri=" + UrlSecrets.mask(redisUri))
                + "}";
    }
}
