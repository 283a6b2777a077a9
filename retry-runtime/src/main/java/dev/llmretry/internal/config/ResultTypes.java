package dev.llmretry.internal.config;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The rule on a protected method's declared result type, worded once: retry-processor reports it at compile time
 * ({@code LLMR-017}) and the woven advice's guard throws the same sentence at run time, for a class compiled without
 * the processor. The shells hand back a {@code CompletableFuture}, a stream, an {@code Iterator} or a
 * {@code Flow.Publisher} of their own, so a method must declare exactly one of those types (a subtype would fail with
 * a {@code ClassCastException} after its request was sent); of the reactive types, only Reactor's {@code Mono} and
 * {@code Flux} are protected, by retry-reactor. Each side decides which case applies with its own view of types
 * (reflection, or the compiler's type mirrors) and takes the sentence from here.
 *
 * <pre>{@code
 * String problem = ResultTypes.problem("com.acme.Chat#chunks", ListIterator.class, false);
 * // "com.acme.Chat#chunks returns java.util.ListIterator, a subtype of Iterator that llm-retry cannot return: ..."
 * }</pre>
 */
public final class ResultTypes {
    /** Each family of results the shells follow: its root type first, then the exact types they return for it. */
    public static final List<List<Class<?>>> FAMILIES = List.of(
            List.of(CompletionStage.class, CompletionStage.class, CompletableFuture.class),
            List.of(BaseStream.class, BaseStream.class, Stream.class, IntStream.class, LongStream.class,
                    DoubleStream.class),
            List.of(Iterator.class, Iterator.class),
            List.of(Flow.Publisher.class, Flow.Publisher.class));
    /** retry-reactor's advice: present on the (compile) class path, it protects Mono and Flux results. */
    public static final String REACTOR_ADVICE = "dev.llmretry.reactor.ReactorAdvice";
    private static final List<String> REACTIVE_PACKAGES = List.of("reactor.core.publisher.", "org.reactivestreams.");
    private static final List<String> REACTOR_SHAPES = List.of("reactor.core.publisher.Mono",
            "reactor.core.publisher.Flux");

    private ResultTypes() {
    }

    /** A Reactor or Reactive Streams type ({@code typeName} as the source spells it). */
    public static boolean reactive(String typeName) {
        return REACTIVE_PACKAGES.stream().anyMatch(typeName::startsWith);
    }

    /** Reactor's {@code Mono} or {@code Flux}: protected when retry-reactor is present. */
    public static boolean reactorShape(String typeName) {
        return REACTOR_SHAPES.contains(typeName);
    }

    /** {@code Mono} or {@code Flux} without retry-reactor. */
    public static String reactorWithoutModule(String methodId, String typeName) {
        return methodId + " returns " + typeName + ": Reactor results need the retry-reactor module, or the method "
                + "would run unprotected. Add the dependency dev.llmretry:retry-reactor (with compile-time weaving also "
                + "as an aspect library next to retry-runtime), or return a CompletableFuture (mono.toFuture()).";
    }

    /** A reactive type other than {@code Mono} and {@code Flux}. */
    public static String otherReactive(String methodId, String typeName) {
        return methodId + " returns " + typeName + ": llm-retry protects Reactor's Mono and Flux (with the "
                + "retry-reactor module), not other reactive types, so the method would run unprotected. Declare the "
                + "result as Mono or Flux, or as a Flow.Publisher (JdkFlowAdapter.publisherToFlowPublisher(flux)).";
    }

    /** A subtype of a family's root that is not one of the types the shells return. */
    public static String subtype(String methodId, String typeName, List<Class<?>> family) {
        List<Class<?>> supported = family.subList(1, family.size());
        String root = simple(family.get(0));
        return methodId + " returns " + typeName + ", a subtype of " + root + " that llm-retry cannot return: the "
                + "result it hands back is " + ("AEIOU".indexOf(root.charAt(0)) >= 0 ? "an " : "a ") + root + " of its "
                + "own, so the call would fail with a ClassCastException after the request was sent. Declare the "
                + "result as "
                + String.join(" or ", supported.stream().map(ResultTypes::simple).distinct().toList()) + ".";
    }

    /**
     * What is wrong with a method that declares {@code result}, at run time; null when the shells can follow it.
     *
     * @param reactorPresent whether retry-reactor's advice is on the class path
     */
    public static String problem(String methodId, Class<?> result, boolean reactorPresent) {
        String name = result.getCanonicalName() != null ? result.getCanonicalName() : result.getName();
        if (reactive(name)) {
            if (!reactorShape(name)) return otherReactive(methodId, name);
            return reactorPresent ? null : reactorWithoutModule(methodId, name);
        }
        for (List<Class<?>> family : FAMILIES) {
            if (family.get(0).isAssignableFrom(result)) {
                return family.subList(1, family.size()).contains(result) ? null : subtype(methodId, name, family);
            }
        }
        return null;
    }

    /** {@code Flow.Publisher}, {@code Iterator}: a family member as the sentences name it. */
    public static String simple(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName()
                : type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName();
    }
}
