package dev.llmretry.langchain4j;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once per wrapped model that retries on its own. LangChain4j models retry twice by default
 * ({@code maxRetries} defaults to 2): under llm-retry every attempt would become up to three requests, the
 * breaker and the classifier would see only the last failure, and the deadline would be spent before a failover.
 * The setting is read from a field named {@code maxRetries} (as the OpenAI, Anthropic, Gemini, Mistral and Ollama
 * models name it); a model without one, or one we cannot read, is left alone. Thread-safe.
 */
final class OwnRetriesCheck {
    private static final Logger LOG = LoggerFactory.getLogger("dev.llmretry.langchain4j");
    private static final Set<Object> WARNED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private OwnRetriesCheck() {}

    /** Logs a WARN, the first time a model is seen, when it would retry on its own; returns the endpoints warned of. */
    static List<String> warnIfRetrying(Map<String, ?> modelsByEndpoint) {
        List<String> warned = new ArrayList<>();
        modelsByEndpoint.forEach((endpoint, model) -> {
            int retries = maxRetries(model);
            if (retries > 0 && WARNED.add(model)) {
                warned.add(endpoint);
                LOG.warn("LangChain4j model {} of endpoint {} retries on its own (maxRetries={}): each llm-retry attempt "
                        + "can become {} requests and its failures are hidden from the circuit breaker. Build it with "
                        + ".maxRetries(0)", model.getClass().getSimpleName(), endpoint, retries, retries + 1);
            }
        });
        return warned;
    }

    /** The model's {@code maxRetries}, or -1 when it has none we can read. */
    static int maxRetries(Object model) {
        for (Class<?> c = model.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField("maxRetries");
                if (field.getType() != Integer.class && field.getType() != int.class) return -1;
                field.setAccessible(true);
                Object value = field.get(model);
                return value == null ? -1 : (Integer) value;
            } catch (NoSuchFieldException e) {
                // try the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return -1; // a JPMS module that does not open the field, or a security manager: nothing to say
            }
        }
        return -1;
    }
}
