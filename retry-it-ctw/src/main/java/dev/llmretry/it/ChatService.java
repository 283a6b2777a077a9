package dev.llmretry.it;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/** The annotated service the weaving tests exercise; every method delegates to a {@link ScriptedBackend}. */
public class ChatService {
    private final ScriptedBackend backend;

    public ChatService(ScriptedBackend backend) {
        this.backend = backend;
    }

    @LlmRetry(maxAttempts = 4, initialBackoff = "1s", maxBackoff = "30s", multiplier = 2.0, jitter = Jitter.NONE)
    public String ask(String question) throws Exception {
        return backend.call("ask", question);
    }

    /** Declares a checked exception: it must reach the caller unchanged, not wrapped. */
    @LlmRetry(maxAttempts = 3, initialBackoff = "500ms", jitter = Jitter.NONE)
    public String fetch(String question) throws IOException {
        try {
            return backend.call("fetch", question);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @LlmRetry(maxAttempts = 6, initialBackoff = "1s", maxDuration = "2500ms", jitter = Jitter.NONE)
    public String withDeadline(String question) throws Exception {
        return backend.call("deadline", question);
    }

    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE,
              retryOn = ExecutionException.class, abortOn = IllegalStateException.class)
    public String custom(String question) throws Exception {
        return backend.call("custom", question);
    }

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String chat(String question, Endpoint endpoint) throws Exception {
        return backend.call(endpoint.name(), question);
    }

    /** The Endpoint parameter in the middle: the advice must still inject it. */
    @Failover(endpoints = {"iag", "oneapi"})
    public String middle(String system, Endpoint endpoint, String question) throws Exception {
        return backend.call(endpoint.name(), system + "/" + question);
    }

    /** A primitive result goes through the advice boxed and comes back unboxed. */
    @LlmRetry(maxAttempts = 2, initialBackoff = "100ms", jitter = Jitter.NONE)
    public int count(String question) throws Exception {
        return backend.call("count", question).length();
    }
}
