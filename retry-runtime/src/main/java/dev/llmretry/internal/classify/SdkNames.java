package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.classify.Decision.ABORT;
import static dev.llmretry.classify.Decision.FAILOVER;
import static dev.llmretry.classify.Decision.RETRY;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SDK exceptions recognised by class name when no HTTP status is in the chain (we do not compile against the
 * SDKs). A class matches if it or a superclass has the name; the most specific name wins.
 */
final class SdkNames {
    private static final Map<String, Classification> DECISIVE = Map.ofEntries(
            Map.entry("com.openai.errors.OpenAIRetryableException", Classification.of(RETRY, "sdk_retryable")),
            Map.entry("com.anthropic.errors.AnthropicRetryableException", Classification.of(RETRY, "sdk_retryable")),
            Map.entry("com.openai.errors.OpenAIInvalidDataException", Classification.of(ABORT, "invalid_response")),
            Map.entry("com.anthropic.errors.AnthropicInvalidDataException", Classification.of(ABORT, "invalid_response")),
            Map.entry("dev.langchain4j.exception.RateLimitException", HttpTable.RATE_LIMITED),
            Map.entry("dev.langchain4j.exception.TimeoutException", HttpTable.TIMEOUT),
            Map.entry("dev.langchain4j.exception.InternalServerException", HttpTable.SERVER_ERROR),
            Map.entry("dev.langchain4j.exception.RetriableException", Classification.of(RETRY, "transient")),
            Map.entry("dev.langchain4j.exception.AuthenticationException", HttpTable.UNAUTHORIZED),
            Map.entry("dev.langchain4j.exception.ModelNotFoundException", HttpTable.NOT_FOUND),
            Map.entry("dev.langchain4j.exception.UnresolvedModelServerException", JdkTable.DNS),
            Map.entry("dev.langchain4j.exception.ContentFilteredException", HttpTable.CONTENT_POLICY),
            Map.entry("dev.langchain4j.exception.InvalidRequestException", HttpTable.BAD_REQUEST),
            Map.entry("dev.langchain4j.exception.NonRetriableException", Classification.of(ABORT, "non_retriable")),
            Map.entry("org.springframework.ai.retry.TransientAiException", Classification.of(RETRY, "transient")),
            Map.entry("org.springframework.ai.retry.NonTransientAiException", Classification.of(ABORT, "non_transient")));

    /** I/O wrappers: classified by their cause first; RETRY "io" when the cause says nothing. */
    private static final Set<String> IO_WRAPPERS = Set.of(
            "com.openai.errors.OpenAIIoException",
            "com.anthropic.errors.AnthropicIoException",
            "com.google.genai.errors.GenAiIOException",
            "org.springframework.web.client.ResourceAccessException",
            "org.springframework.web.reactive.function.client.WebClientRequestException");

    private static final ClassValue<Optional<Classification>> BY_CLASS = new ClassValue<>() {
        @Override
        protected Optional<Classification> computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Classification found = DECISIVE.get(c.getName());
                if (found != null) return Optional.of(found);
            }
            return Optional.empty();
        }
    };

    private static final ClassValue<Boolean> IS_IO_WRAPPER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (IO_WRAPPERS.contains(c.getName())) return Boolean.TRUE;
            }
            return Boolean.FALSE;
        }
    };

    private SdkNames() {}

    /** The verdict for the outermost recognised SDK exception in the chain, or null. */
    static Classification classify(Throwable[] chain) {
        for (Throwable t : chain) {
            Classification c = BY_CLASS.get(t.getClass()).orElse(null);
            if (c == null) continue;
            if (c == HttpTable.BAD_REQUEST) {
                // LangChain4j's InvalidRequestException: the message tells context length and content policy apart
                String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
                if (Markers.contextLength(message)) return HttpTable.CONTEXT_LENGTH;
                if (Markers.contentPolicy(message)) return HttpTable.CONTENT_POLICY;
            }
            return c;
        }
        return null;
    }

    static boolean isIoWrapper(Throwable t) {
        return IS_IO_WRAPPER.get(t.getClass());
    }
}
