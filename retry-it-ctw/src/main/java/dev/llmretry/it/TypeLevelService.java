package dev.llmretry.it;

import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;

/** {@code @LlmRetry} on the type: every public method is protected; private helpers are not. */
@LlmRetry(maxAttempts = 2, initialBackoff = "2s", jitter = Jitter.NONE)
public class TypeLevelService {
    private final ScriptedBackend backend;

    public TypeLevelService(ScriptedBackend backend) {
        this.backend = backend;
    }

    public String first(String q) throws Exception {
        return backend.call("type", q);
    }
}
