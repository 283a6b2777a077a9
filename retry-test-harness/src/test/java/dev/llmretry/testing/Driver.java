package dev.llmretry.testing;

import dev.llmretry.Endpoint;
import dev.llmretry.internal.exec.LlmRuntime;
import dev.llmretry.internal.exec.Sneaky;
import dev.llmretry.internal.exec.SyncCall;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a protected call through {@link SyncCall}, the executor's sync loop (the woven advice runs the same loop), without
 * weaving: this module's classes are not woven. The plan comes from {@link DrivenMethods}' annotations; {@code body} stands for the method's body.
 */
final class Driver {
    interface Body {
        String run(Endpoint endpoint) throws Exception;
    }

    private Driver() {
    }

    /** {@link DrivenMethods#chat}: retry, then fail over iag -> oneapi -> litellm. */
    static String chat(Body body) {
        return call("chat", body);
    }

    /** {@link DrivenMethods#ask}: four attempts, exponential backoff from 1s, no failover. */
    static String ask(Body body) {
        return call("ask", body);
    }

    static String chat() {
        return chat(e -> "answer from " + e.name());
    }

    static String call(String methodName, Body body) {
        Method m = Arrays.stream(DrivenMethods.class.getDeclaredMethods()).filter(x -> x.getName().equals(methodName))
                .findFirst().orElseThrow();
        try {
            return (String) SyncCall.run(LlmRuntime.get().plans().of(m), body::run);
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        }
    }
}
