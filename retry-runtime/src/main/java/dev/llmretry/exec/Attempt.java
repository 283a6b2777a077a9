package dev.llmretry.exec;

import dev.llmretry.Endpoint;

/** One invocation of the protected method's body with the endpoint chosen for it (the advice's {@code proceed}). */
@FunctionalInterface
public interface Attempt {
    Object invoke(Endpoint endpoint) throws Throwable;
}
