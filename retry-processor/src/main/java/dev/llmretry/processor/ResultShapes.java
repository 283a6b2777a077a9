package dev.llmretry.processor;

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
 * is on the class path. At run time the advice rejects the same types with the same advice.
 *
 * <pre>{@code
 * @LlmRetry ListIterator<String> chunks(String q);   // error: [LLMR-017] ... declare it as Iterator<String>
 * }</pre>
 */
final class ResultShapes {
    /** The declared types the shells return, by family; a subtype of a family's root is not one of them. */
    private static final List<List<String>> FAMILIES = List.of(
            List.of("java.util.concurrent.CompletionStage", "java.util.concurrent.CompletionStage",
                    "java.util.concurrent.CompletableFuture"),
            List.of("java.util.stream.BaseStream", "java.util.stream.BaseStream", "java.util.stream.Stream",
                    "java.util.stream.IntStream", "java.util.stream.LongStream", "java.util.stream.DoubleStream"),
            List.of("java.util.Iterator", "java.util.Iterator"),
            List.of("java.util.concurrent.Flow.Publisher", "java.util.concurrent.Flow.Publisher"));
    private static final List<String> REACTIVE_PACKAGES = List.of("reactor.core.publisher.", "org.reactivestreams.");
    private static final List<String> REACTOR_SHAPES = List.of("reactor.core.publisher.Mono", "reactor.core.publisher.Flux");
    /** retry-reactor's advice: on the compile class path, Mono and Flux results are protected. */
    private static final String REACTOR_ADVICE = "dev.llmretry.reactor.ReactorAdvice";

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
        String message = reactive(name) ? reactiveMessage(method, name) : subtype(method, name);
        if (message == null) return;
        if (site.element().equals(method)) diagnostics.report(Check.UNSUPPORTED_RESULT, site, (String) null, message);
        else diagnostics.report(Check.UNSUPPORTED_RESULT, method, message);
    }

    /** Mono and Flux need retry-reactor's advice on the compile class path; other reactive types are never supported. */
    private String reactiveMessage(ExecutableElement method, String name) {
        boolean reactorShape = REACTOR_SHAPES.contains(name);
        if (reactorShape && elements.getTypeElement(REACTOR_ADVICE) != null) return null;
        String start = Names.describe(method) + " returns " + name + ": ";
        if (reactorShape) {
            return start + "Reactor results need the retry-reactor module, or the method would run unprotected. Add "
                    + "the dependency dev.llmretry:retry-reactor (with compile-time weaving also as an aspect library "
                    + "next to retry-runtime), or return a CompletableFuture (mono.toFuture()).";
        }
        return start + "llm-retry protects Reactor's Mono and Flux (with the retry-reactor module), not other "
                + "reactive types, so the method would run unprotected. Declare the result as Mono or Flux, or as a "
                + "Flow.Publisher (JdkFlowAdapter.publisherToFlowPublisher(flux)).";
    }

    private static boolean reactive(String name) {
        return REACTIVE_PACKAGES.stream().anyMatch(name::startsWith);
    }

    private String subtype(ExecutableElement method, String name) {
        TypeMirror erased = types.erasure(method.getReturnType());
        for (List<String> family : FAMILIES) {
            TypeElement root = elements.getTypeElement(family.get(0));
            if (root == null || !types.isAssignable(erased, types.erasure(root.asType()))) continue;
            List<String> supported = family.subList(1, family.size());
            if (supported.contains(name)) return null;
            return Names.describe(method) + " returns " + name + ", a subtype of " + simple(family.get(0)) + " that llm-retry "
                    + "cannot return: its result is a " + simple(supported.get(supported.size() - 1)) + " of its own, "
                    + "so the call would fail with a ClassCastException after the request was sent. Declare the "
                    + "result as " + String.join(" or ", supported.stream().map(ResultShapes::simple).distinct()
                    .toList()) + ".";
        }
        return null;
    }

    private static String simple(String qualified) {
        return qualified.startsWith("java.util.concurrent.Flow.") ? "Flow.Publisher"
                : qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
