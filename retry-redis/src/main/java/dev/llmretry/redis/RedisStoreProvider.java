package dev.llmretry.redis;

import dev.llmretry.store.CircuitStore;
import dev.llmretry.store.CircuitStoreProvider;
import dev.llmretry.store.Fleet;
import dev.llmretry.store.StoreSettings;

/**
 * The {@code redis} store: registered for {@link java.util.ServiceLoader}, so adding {@code dev.llmretry:retry-redis}
 * to the class path and naming it in retry.yaml is all it takes.
 *
 * <pre>{@code
 * health:
 *   store: redis
 *   redis-uri: "rediss://:${REDIS_PASSWORD}@cache.internal:6380"
 * }</pre>
 */
public final class RedisStoreProvider implements CircuitStoreProvider {
    @Override
    public String name() {
        return "redis";
    }

    /** Starts connecting in the background and returns at once (local fallback until connected). */
    @Override
    public CircuitStore open(StoreSettings settings, Fleet fleet) {
        String problem = StoreSettings.checkRedisUri(settings.uri());
        if (problem != null) throw new IllegalArgumentException("health.redis-uri must be " + problem);
        return RedisCircuitStore.start(settings, fleet, RedisCircuitStore.Timing.DEFAULT);
    }
}
