package dev.llmretry.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Qualified names of the annotations and types the processor knows, and element names for messages. */
final class Names {
    static final String LLM_RETRY = "dev.llmretry.annotation.LlmRetry";
    static final String LLM_CIRCUIT_BREAKER = "dev.llmretry.annotation.LlmCircuitBreaker";
    static final String FAILOVER = "dev.llmretry.annotation.Failover";
    static final String ENDPOINT = "dev.llmretry.Endpoint";

    private Names() {
    }

    /** {@code com.acme.Chat#ask} for a method, the qualified name for a type. */
    static String describe(Element element) {
        if (element instanceof ExecutableElement method) {
            Element owner = method.getEnclosingElement();
            String type = owner instanceof TypeElement t ? t.getQualifiedName().toString() : owner.toString();
            return type + "#" + method.getSimpleName();
        }
        if (element instanceof TypeElement type) return type.getQualifiedName().toString();
        return element.toString();
    }
}
