package dev.llmretry.store;

/**
 * Makes a {@link CircuitStore}; registered in {@code META-INF/services/dev.llmretry.store.CircuitStoreProvider} and
 * chosen by {@code health.store} in retry.yaml ({@link #name()}).
 *
 * <pre>{@code
 * public final class RedisStoreProvider implements CircuitStoreProvider {
 *     public String name() { return "redis"; }
 *     public String module() { return "dev.llmretry:retry-redis"; }
 *     public CircuitStore open(StoreSettings s, Fleet fleet) { return new RedisCircuitStore(s, fleet); }
 * }
 * }</pre>
 */
public interface CircuitStoreProvider {
    /** The {@code health.store} value this provider answers to, for example {@code redis}. */
    String name();

    /**
     * Opens a store. Must not wait for its server: a store that cannot connect yet starts in local fallback and
     * connects in the background. Throws {@link IllegalArgumentException} for settings it cannot use (the message
     * says what to fix).
     */
    CircuitStore open(StoreSettings settings, Fleet fleet);
}
