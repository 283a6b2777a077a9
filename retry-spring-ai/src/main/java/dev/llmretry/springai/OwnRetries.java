package dev.llmretry.springai;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Warns, once per wrapped model at build time, when a model retries by itself: Spring AI's OpenAI model (2.x) hands
 * {@code maxRetries} to the OpenAI SDK, which then retries every failure two or three times before llm-retry sees
 * it. Read reflectively ({@code getOptions().getMaxRetries()}), so any provider with the same option is covered.
 */
final class OwnRetries {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientChatModel.class);

    private OwnRetries() {
    }

    static void warnIfOn(String endpoint, ChatModel model) {
        Integer retries = maxRetries(model);
        if (retries == null || retries > 0) {
            LOG.warn("ResilientChatModel endpoint '{}': the wrapped {} retries by itself (maxRetries {}), which "
                    + "multiplies every attempt and hides failures from the circuit breaker. Build it with options "
                    + "maxRetries(0) (spring.ai.openai.chat.max-retries: 0); see docs/spring-ai.md",
                    endpoint, model.getClass().getSimpleName(), retries == null ? "unset: the SDK default" : retries);
        }
    }

    /** The model's {@code maxRetries} option; {@code -1} when it has none, {@code null} when it is unset. */
    static Integer maxRetries(ChatModel model) {
        try {
            Object options = model.getDefaultOptions();
            if (options == null) return -1;
            Method getter = options.getClass().getMethod("getMaxRetries");
            Object value = getter.invoke(options);
            return value == null ? null : value instanceof Integer i ? i : -1;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError noSuchOption) {
            return -1;
        }
    }
}
