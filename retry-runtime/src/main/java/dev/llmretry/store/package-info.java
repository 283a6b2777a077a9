/**
 * Where endpoint circuit state lives beyond one instance: the {@link dev.llmretry.store.CircuitStore} SPI, found by
 * {@link java.util.ServiceLoader} through a {@link dev.llmretry.store.CircuitStoreProvider} when retry.yaml names
 * {@code health.store} (for example {@code redis}, module {@code retry-redis}); the runtime connects the store to
 * this instance's breakers. Without a store
 * everything stays in memory (and in {@code health.file}, as before).
 */
package dev.llmretry.store;
