package dev.llmretry.internal.exec;

import dev.llmretry.Endpoint;

/**
 * One invocation of the protected method's body with the endpoint chosen for it (the advice's {@code proceed}).
 *
 * <pre>{@code
 * Attempt attempt = endpoint -> client.chatAsync(endpoint.url(), question);
 * }</pre>
 */
@FunctionalInterface
public interface Attempt {
    Object invoke(Endpoint endpoint) throws Throwable;
}
