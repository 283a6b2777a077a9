package dev.llmretry.spring;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.BaseStream;
import java.util.stream.Stream;

/** How a method's result is protected, from its declared return type, as the woven advice decides it. */
enum Shape {
    /** Complete on return: retried until it returns. */
    SYNC,
    /** Exactly {@code CompletableFuture} or {@code CompletionStage}: retried without blocking a thread. */
    ASYNC,
    /** Exactly {@code Stream}: retried until its first element. */
    STREAM,
    /** Exactly {@code Iterator}: retried until its first element. */
    ITERATOR,
    /** Exactly {@code Flow.Publisher}: each subscription retried until its first element. */
    PUBLISHER,
    /** A subtype of those, a primitive stream, or a reactive type: the proxy cannot return it. */
    UNSUPPORTED;

    static final String UNSUPPORTED_MESSAGE = ": llm-retry cannot protect this result type through Spring AOP. "
            + "Declare the result exactly as String or another plain value, CompletableFuture or CompletionStage, "
            + "Stream, Iterator or Flow.Publisher. Reactor Mono/Flux are not supported yet: return mono.toFuture() or "
            + "a Flow.Publisher (JdkFlowAdapter.publisherToFlowPublisher(flux)); for IntStream, LongStream and "
            + "DoubleStream return a Stream of boxed values or weave the class (docs/spring-boot.md).";

    static Shape of(Class<?> type) {
        if (type == CompletableFuture.class || type == CompletionStage.class) return ASYNC;
        if (type == Stream.class) return STREAM;
        if (type == Iterator.class) return ITERATOR;
        if (type == Flow.Publisher.class) return PUBLISHER;
        if (CompletionStage.class.isAssignableFrom(type) || BaseStream.class.isAssignableFrom(type)
                || Iterator.class.isAssignableFrom(type) || Flow.Publisher.class.isAssignableFrom(type)
                || type.getName().startsWith("reactor.core.publisher.")
                || type.getName().startsWith("org.reactivestreams.")) {
            return UNSUPPORTED;
        }
        return SYNC;
    }
}
