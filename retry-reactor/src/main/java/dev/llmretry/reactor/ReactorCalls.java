package dev.llmretry.reactor;

import dev.llmretry.LlmCall;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What {@link ReactorAdvice} returns for an annotated method: a cold {@link Mono} or {@link Flux} whose every
 * subscription is one protected call of the method's {@link LlmCall#forMethod plan}. Each attempt invokes the
 * method's body again and subscribes to the publisher it returns; the subscriber's Reactor {@code Context} is written
 * into each attempt. Thread-safe.
 *
 * <pre>{@code
 * @LlmRetry @Failover(endpoints = {"iag", "oneapi"})
 * public Flux<String> tokens(String q, Endpoint endpoint) { return client.stream(endpoint, q); }
 * }</pre>
 */
public final class ReactorCalls {
    private ReactorCalls() {
    }

    /**
     * The woven method at {@code at} called: a {@link #mono} or a {@link #flux}, as the method is declared, so one
     * advice per position of the {@code Endpoint} parameter serves both. The advice's pointcut admits only these two,
     * so anything else is a weaving fault, reported as such.
     */
    public static Object start(JoinPoint.StaticPart at, LlmCall.Attempt<?, ?> body) {
        Class<?> type = ((MethodSignature) at.getSignature()).getReturnType();
        if (type == Mono.class) return mono(at, endpoint -> (Mono<?>) body.apply(endpoint));
        if (type == Flux.class) return flux(at, endpoint -> (Flux<?>) body.apply(endpoint));
        throw new IllegalStateException(at.getSignature().toLongString() + ": retry-reactor's advice was woven around a "
                + "method returning " + type.getName() + ", which it cannot follow. Rebuild with the retry-reactor "
                + "version the class was woven against.");
    }

    /**
     * A Mono retried like an async call: each subscription starts a call, waits hold no thread, and cancelling the
     * subscription cancels the pending retry and the attempt in flight.
     */
    public static Mono<Object> mono(JoinPoint.StaticPart at, LlmCall.Attempt<? extends Mono<?>, ?> body) {
        LlmCall call = callOf(at);
        return Mono.deferContextual(context -> Mono.fromFuture(() -> call.callAsync(
                endpoint -> cast(body.apply(endpoint)).contextWrite(context).toFuture()), false));
    }

    /**
     * A Flux retried and failed over until its first element, subscribing to a fresh body for each attempt; after
     * the first element a failure reaches the subscriber once and is never replayed.
     */
    public static Flux<Object> flux(JoinPoint.StaticPart at, LlmCall.Attempt<? extends Flux<?>, ?> body) {
        LlmCall call = callOf(at);
        return Flux.deferContextual(context -> JdkFlowAdapter.flowPublisherToFlux(call.publisher(
                endpoint -> JdkFlowAdapter.publisherToFlowPublisher(castFlux(body.apply(endpoint)).contextWrite(context)))));
    }

    /**
     * The method's call; {@code LlmCall.forMethod} caches it per method without holding the application's classes (a
     * static map here kept a redeployed application's classes alive).
     */
    static LlmCall callOf(JoinPoint.StaticPart at) {
        return LlmCall.forMethod(((MethodSignature) at.getSignature()).getMethod());
    }

    @SuppressWarnings("unchecked")
    private static Mono<Object> cast(Mono<?> mono) {
        if (mono == null) throw new NullPointerException("an annotated method returned a null Mono; return Mono.empty()");
        return (Mono<Object>) mono;
    }

    @SuppressWarnings("unchecked")
    private static Flux<Object> castFlux(Flux<?> flux) {
        if (flux == null) throw new NullPointerException("an annotated method returned a null Flux; return Flux.empty()");
        return (Flux<Object>) flux;
    }
}
