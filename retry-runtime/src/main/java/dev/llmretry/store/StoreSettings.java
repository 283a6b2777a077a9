package dev.llmretry.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What retry.yaml says about the store ({@code health.store}, {@code health.redis-uri}). The URI may hold a password
 * ({@code redis://:${REDIS_PASSWORD}@host:6379}); {@link #toString()} masks it, and the runtime masks it in every log
 * line, event and health report. Immutable.
 *
 * <pre>{@code
 * StoreSettings s = StoreSettings.of("redis", "rediss://:s3cret@cache.internal:6380/0");
 * s.toString();   // "StoreSettings{store=redis, uri=rediss://****@cache.internal:6380/0}"
 * }</pre>
 */
public final class StoreSettings {
    /** The default store: nothing is shared. */
    public static final String LOCAL = "local";
    private static final StoreSettings DEFAULTS = new StoreSettings(LOCAL, null);

    private final String store;
    private final String uri;

    private StoreSettings(String store, String uri) {
        this.store = store;
        this.uri = uri;
    }

    /** {@code health.store: local}, no URI. */
    public static StoreSettings local() {
        return DEFAULTS;
    }

    /**
     * @param store the store's name ({@code local}, {@code redis}, ...); lower case
     * @param uri   where the store's server is, or {@code null}
     */
    public static StoreSettings of(String store, String uri) {
        Objects.requireNonNull(store, "store");
        return LOCAL.equals(store) && uri == null ? DEFAULTS : new StoreSettings(store, uri);
    }

    /** The store's name: {@code local} (default) or a {@link CircuitStoreProvider#name()}. */
    public String store() { return store; }

    /** The store server's URI with its password (never log it), or {@code null}. */
    public String uri() { return uri; }

    /** Whether anything is shared ({@code store} is not {@code local}). */
    public boolean shared() { return !LOCAL.equals(store); }

    /** What is wrong with a {@code redis-uri} ("redis://host:port" or "rediss://..." with a host), or null. */
    public static String checkRedisUri(String text) {
        return dev.llmretry.internal.config.HealthSettings.checkRedisUri(text);
    }

    /** The secrets in a store URI (the user-info's password, and the user-info as written), to mask everywhere. */
    public static List<String> secretsOf(String uri) {
        List<String> out = new ArrayList<>();
        if (uri == null) return out;
        try {
            String info = new URI(uri.strip()).getRawUserInfo();
            if (info == null || info.isEmpty()) return out;
            int colon = info.indexOf(':');
            String password = colon < 0 ? info : info.substring(colon + 1);
            if (!password.isEmpty()) out.add(password);
            out.add(info);
        } catch (URISyntaxException ignored) {
            // the configuration reader reports the URI; nothing to mask that can be found
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreSettings s && s.store.equals(store) && Objects.equals(s.uri, uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(store, uri);
    }

    /** The URI with its user-info masked. */
    @Override
    public String toString() {
        return "StoreSettings{store=" + store + (uri == null ? "" : ", uri=" + dev.llmretry.internal.config.UrlSecrets.mask(uri)) + "}";
    }
}
