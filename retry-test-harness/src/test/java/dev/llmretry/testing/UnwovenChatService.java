package dev.llmretry.testing;

import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;

/** An annotated class compiled by plain javac and never woven: what the weaving check must catch. */
public class UnwovenChatService {
    @LlmRetry(maxAttempts = 3, jitter = Jitter.NONE)
    public String ask(String q) {
        return "unprotected answer to " + q;
    }
}
