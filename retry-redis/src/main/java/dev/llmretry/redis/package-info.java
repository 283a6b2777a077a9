/**
 * Endpoint circuit state shared by a fleet through Redis ({@code health: { store: redis, redis-uri: ... }}), found
 * by {@link java.util.ServiceLoader} as the {@code redis} {@link dev.llmretry.store.CircuitStoreProvider}. See
 * {@code docs/fleet.md}.
 */
package dev.llmretry.redis;
