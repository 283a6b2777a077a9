package dev.llmretry.internal.exec;

import dev.llmretry.annotation.LlmRetry;

/**
 * Annotated but never woven: test classes are compiled (so retry-processor lists this class in the test class
 * output's index) but not woven, as in a module whose pom lacks the AspectJ plugin.
 */
public class UnwovenChatService {
    @LlmRetry
    public String ask(String question) {
        return question;
    }

    public String plain(String question) {
        return question;
    }
}
