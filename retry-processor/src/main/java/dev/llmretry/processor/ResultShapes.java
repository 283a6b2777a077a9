package dev.llmretry.processor;

import dev.llmretry.internal.config.ResultTypes;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * {@code LLMR-017}: a result type the advice matches but cannot return. The shells hand back a
 * {@code CompletableFuture}, a {@code Stream} (or primitive stream), an {@code Iterator} or a {@code Flow.Publisher}
 * of their own, so a method declaring a subtype ({@code ListIterator}, {@code SubmissionPublisher}, a
 * {@code CompletableFuture} subclass) would fail with a ClassCastException after its request was sent; Reactor and
 * Reactive Streams types would run unprotected, except {@code Mono} and {@code Flux} when retry-reactor (its advice)
 * is on the class path. At run time the advice rejects the same types with the same sentence ({@link ResultTypes}).
 *
 * <pre>{@code
 * @LlmRetry ListIterator<String> chunks(String q);   // error: [LLMR-017] ... declare it as Iterator<String>
 * }</pre>
 */
final class ResultShapes {
    private final Diagnostics diagnostics;
    private final Types types;
    private final Elements elements;

    ResultShapes(Diagnostics diagnostics, Types types, Elements elements) {
        this.diagnostics = diagnostics;
        this.types = types;
        this.elements = elements;
    }

    void check(ExecutableElement method, Site site) {
        TypeMirror result = method.getReturnType();
        if (result.getKind() != TypeKind.DECLARED) return;
        String name = ((TypeElement) ((DeclaredType) result).asElement()).getQualifiedName().toString();
        String message = ResultTypes.reactive(name) ? reactiveMessage(method, name) : subtype(method, name);
        if (message == null) return;
        if (site.element().equals(method)) diagnostics.report(Check.UNSUPPORTED_RESULT, site, (String) null, message);
        else diagnostics.report(Check.UNSUPPORTED_RESULT, method, message);
    }

    /** Mono and Flux need retry-reactor's advice on the compile class path; other reactive types are never supported. */
    private String reactiveMessage(ExecutableElement method, String name) {
        if (!ResultTypes.reactorShape(name)) return ResultTypes.otherReactive(Names.describe(method), name);
        if (elements.getTypeElement(ResultTypes.REACTOR_ADVICE) != null) return null;
        return ResultTypes.reactorWithoutModule(Names.describe(method), name);
    }

    private String subtype(ExecutableElement method, String name) {
        TypeMirror erased = types.erasure(method.getReturnType());
        for (List<Class<?>> family : ResultTypes.FAMILIES) {
            TypeElement root = elements.getTypeElement(family.get(0).getCanonicalName());
            if (root == null || !types.isAssignable(erased, types.erasure(root.asType()))) continue;
            boolean supported = family.subList(1, family.size()).stream().anyMatch(t -> t.getCanonicalName().equals(name));
            return supported ? null : ResultTypes.subtype(Names.describe(method), name, family);
        }
        return null;
    }
}
