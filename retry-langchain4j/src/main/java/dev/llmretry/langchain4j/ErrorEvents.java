package dev.llmretry.langchain4j;

import dev.langchain4j.exception.LangChain4jException;
import dev.llmretry.LlmHttpException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Error events inside a stream that began with 200. OpenAI and the gateways in front of it (LiteLLM, OneAPI) send
 * {@code data: {"error": {...}}} when a stream fails after it started; LangChain4j 1.19's OpenAI models hand that
 * event to {@code onUnmappedRawEvent} and then complete the response as if nothing had happened (empty or cut
 * short). We turn it into a failure: {@link LlmHttpException} with status 200 and the event as body, so the
 * classifier decides by the error's code or type (a {@code server_error} is retried before the first token),
 * wrapped in a {@link LangChain4jException} as LangChain4j users expect. Raw events are read reflectively (their
 * {@code data()}), since they are provider types. An {@code event: error} line LangChain4j does see, but reports as
 * a bare {@code RuntimeException} holding the data; that one is read the same way. Thread-safe.
 */
final class ErrorEvents {
    private static final Pattern ERROR_OBJECT = Pattern.compile("^\\s*\\{\\s*\"error\"\\s*:\\s*\\{");
    private static final ClassValue<Optional<Method>> DATA = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method m = type.getMethod("data");
                return m.getReturnType() == String.class ? Optional.of(m) : Optional.empty();
            } catch (NoSuchMethodException | SecurityException e) {
                return Optional.empty();
            }
        }
    };

    private ErrorEvents() {}

    /** The failure an unmapped raw event reports, or null when it is not an error event. */
    static RuntimeException failure(Object rawEvent) {
        if (rawEvent == null) return null;
        Method data = DATA.get(rawEvent.getClass()).orElse(null);
        if (data == null) return null;
        try {
            Object text = data.invoke(rawEvent);
            return text instanceof String body ? failure(body) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * An {@code event: error} that LangChain4j reported as a bare {@code RuntimeException} whose message is the
     * event's data (which the classifier would take for a programming error), as an error event; else unchanged.
     */
    static Throwable readable(Throwable failure) {
        if (failure.getClass() != RuntimeException.class || failure.getCause() != null) return failure;
        RuntimeException event = failure(failure.getMessage());
        return event != null ? event : failure;
    }

    private static RuntimeException failure(String body) {
        if (body == null || !ERROR_OBJECT.matcher(body).find()) return null;
        return new LangChain4jException("The stream reported an error: " + body, new LlmHttpException(200, Map.of(), body));
    }
}
