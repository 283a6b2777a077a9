package dev.llmretry.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** The processor never throws into the compiler: its own failures become one [LLMR-900] warning. */
class InternalErrorTest {
    private final List<String> messages = new ArrayList<>();
    private final List<Diagnostic.Kind> kinds = new ArrayList<>();

    @Test
    void failingEnvironment_initialising_reportsInternalErrorAndProcessesNothing() {
        LlmRetryProcessor processor = new LlmRetryProcessor();
        processor.init(environment(true));
        boolean claimed = processor.process(Set.of(), failing(RoundEnvironment.class));
        assertFalse(claimed);
        assertEquals(List.of(Diagnostic.Kind.WARNING), kinds);
        assertTrue(messages.get(0).startsWith("[LLMR-900] the llm-retry processor failed"), messages.get(0));
        assertTrue(messages.get(0).contains("IllegalStateException: boom"), messages.get(0));
    }

    @Test
    void elementThatThrows_processing_reportsInternalErrorOnItAndGoesOn() {
        LlmRetryProcessor processor = new LlmRetryProcessor();
        processor.init(environment(false));
        TypeElement annotation = failing(TypeElement.class);
        Element broken = failing(Element.class);
        RoundEnvironment round = proxy(RoundEnvironment.class, (method, args) ->
                method.equals("getElementsAnnotatedWith") ? Set.of(broken) : null);
        boolean claimed = processor.process(Set.of(annotation), round);
        assertFalse(claimed);
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("[LLMR-900]"), messages.get(0));
    }

    private ProcessingEnvironment environment(boolean typesFail) {
        Messager messager = proxy(Messager.class, (method, args) -> {
            kinds.add((Diagnostic.Kind) args[0]);
            messages.add(args[1].toString());
            return null;
        });
        return proxy(ProcessingEnvironment.class, (method, args) -> switch (method) {
            case "getMessager" -> messager;
            case "getTypeUtils" -> {
                if (typesFail) throw new IllegalStateException("boom");
                yield failing(javax.lang.model.util.Types.class);
            }
            case "getElementUtils" -> proxy(javax.lang.model.util.Elements.class, (m, a) -> null);
            case "getOptions" -> Map.of();
            default -> null;
        });
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getName().equals("toString")) return type.getSimpleName() + " proxy";
            if (method.getName().equals("hashCode")) return System.identityHashCode(p);
            if (method.getName().equals("equals")) return p == args[0];
            return handler.handle(method.getName(), args);
        }));
    }

    /** Every method throws, as a broken compiler or a processor bug would. */
    private static <T> T failing(Class<T> type) {
        return proxy(type, (method, args) -> {
            throw new IllegalStateException("boom in " + method);
        });
    }
}
