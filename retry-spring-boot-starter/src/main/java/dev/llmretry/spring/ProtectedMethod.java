package dev.llmretry.spring;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmCall;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;

/**
 * One protected method of a bean class: its {@link LlmCall} (the plan a woven method gets), where its
 * {@link Endpoint} parameter is, and how its result is followed. Each attempt proceeds on a fresh clone of the
 * invocation (as Spring Retry does), with the attempt's endpoint in place of the caller's argument. Immutable.
 */
final class ProtectedMethod {
    private final Method method;
    private final LlmCall call;
    private final int endpointIndex;
    private final Shape shape;

    private ProtectedMethod(Method method, LlmCall call, int endpointIndex, Shape shape) {
        this.method = method;
        this.call = call;
        this.endpointIndex = endpointIndex;
        this.shape = shape;
    }

    /**
     * @param method the method as the bean's class declares it (annotations are read there)
     * @throws dev.llmretry.config.LlmRetryConfigException when its plan cannot be built, saying what to fix
     * @throws UnsupportedOperationException               when its result type cannot be followed
     */
    static ProtectedMethod of(Method method) {
        Shape shape = Shape.of(method.getReturnType());
        if (shape == Shape.UNSUPPORTED) {
            throw new UnsupportedOperationException(method.toGenericString() + Shape.UNSUPPORTED_MESSAGE);
        }
        Class<?>[] types = method.getParameterTypes();
        int endpointIndex = -1;
        for (int i = 0; i < types.length && endpointIndex < 0; i++) {
            if (types[i] == Endpoint.class) endpointIndex = i;
        }
        return new ProtectedMethod(method, LlmCall.forMethod(method), endpointIndex, shape);
    }

    Method method() {
        return method;
    }

    @SuppressWarnings("unchecked")
    Object invoke(MethodInvocation invocation) throws Throwable {
        ProxyMethodInvocation proxied = (ProxyMethodInvocation) invocation;
        Object[] arguments = invocation.getArguments();
        return switch (shape) {
            case SYNC -> call.call(endpoint -> attempt(proxied, arguments, endpoint));
            case ASYNC -> call.callAsync(endpoint -> (CompletionStage<Object>) attempt(proxied, arguments, endpoint));
            case STREAM -> call.stream(endpoint -> (Stream<Object>) attempt(proxied, arguments, endpoint));
            case ITERATOR -> call.iterator(endpoint -> (Iterator<Object>) attempt(proxied, arguments, endpoint));
            case PUBLISHER -> call.publisher(endpoint -> (Flow.Publisher<Object>) attempt(proxied, arguments, endpoint));
            case UNSUPPORTED -> throw new UnsupportedOperationException(method.toGenericString()
                    + Shape.UNSUPPORTED_MESSAGE);
        };
    }

    /** One attempt: the rest of the interceptor chain and the bean's method, on a clone with this endpoint. */
    private Object attempt(ProxyMethodInvocation invocation, Object[] arguments, Endpoint endpoint) throws Exception {
        Object[] attemptArguments = arguments.clone();
        if (endpointIndex >= 0) attemptArguments[endpointIndex] = endpoint;
        try {
            return invocation.invocableClone(attemptArguments).proceed();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    @Override
    public String toString() {
        return call.name() + " (" + shape.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
