package dev.llmretry.internal.classify;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accessors one exception (or SDK response) class offers for status, headers, error code/type and body,
 * found once per class and cached, including "none" (research llm-errors.md §10). Return types are checked because
 * SDKs reuse names: OpenAI's {@code code()} is an {@code Optional<String>} error code, Google's {@code code()} is the
 * {@code int} status and Google's {@code status()} a {@code String} like {@code RESOURCE_EXHAUSTED}.
 */
final class SdkAccessors {
    private static final ClassValue<SdkAccessors> CACHE = new ClassValue<>() {
        @Override
        protected SdkAccessors computeValue(Class<?> type) {
            return new SdkAccessors(type);
        }
    };

    /** Accessors that may return a status object with {@code int value()} (Spring); the others must be numeric. */
    private static final String[] STATUS_ANY = {"statusCode", "getStatusCode", "getStatus"};
    /** {@code statusCode()} first: OpenAI and Anthropic have it, and their {@code code()} is not a status. */
    private static final String[] STATUS_ORDER = {"statusCode", "getRawStatusCode", "code", "getStatusCode", "status", "getStatus"};

    final Method[] status;
    final Method response;
    final Method headers;
    final Method code;
    final Method type;
    final Method errorType;
    final Method body;
    final boolean springAiMessage;

    private SdkAccessors(Class<?> type) {
        List<Method> statusMethods = new ArrayList<>(2);
        for (String name : STATUS_ORDER) {
            Method m = Reflect.method(type, name);
            if (m != null && isStatusType(m.getReturnType(), contains(STATUS_ANY, name))) statusMethods.add(m);
        }
        this.status = statusMethods.toArray(new Method[0]);
        this.response = reference(Reflect.method(type, "getResponse"));
        this.headers = firstReference(type, "headers", "getResponseHeaders", "getHeaders");
        this.code = textual(Reflect.method(type, "code"));
        Method typeMethod = textual(Reflect.method(type, "type"));
        Method googleStatus = Reflect.method(type, "status");
        this.type = typeMethod != null ? typeMethod
                : googleStatus != null && googleStatus.getReturnType() == String.class ? googleStatus : null;
        this.errorType = reference(Reflect.method(type, "errorType"));
        this.body = firstReference(type, "body", "getResponseBodyAsString", "getValue");
        this.springAiMessage = Reflect.isNamed(type, "org.springframework.ai.retry.TransientAiException")
                || Reflect.isNamed(type, "org.springframework.ai.retry.NonTransientAiException");
    }

    static SdkAccessors of(Class<?> type) {
        return CACHE.get(type);
    }

    /** The HTTP status read from {@code target}, or -1. */
    int status(Object target) {
        for (Method m : status) {
            int s = Reflect.status(Reflect.call(m, target));
            if (s > 0) return s;
        }
        return -1;
    }

    /** The body as text: a String, a parsed Map or an SDK JSON value's {@code toString()}; null if none. */
    Object body(Object target) {
        Object value = Reflect.call(body, target);
        if (value instanceof Optional<?> o) value = o.orElse(null);
        if (value == null) return null;
        if (body.getName().equals("getValue") && !(value instanceof Map || value instanceof CharSequence)) return null;
        return value;
    }

    /** The error code ({@code code()}), then type ({@code type()}, {@code errorType()}, Google's {@code status()}). */
    String code(Object target) {
        return Reflect.text(Reflect.call(code, target));
    }

    String type(Object target) {
        String t = Reflect.text(Reflect.call(type, target));
        return t != null ? t : Reflect.text(Reflect.call(errorType, target));
    }

    private static boolean isStatusType(Class<?> returnType, boolean objectAllowed) {
        if (returnType == int.class || returnType == Integer.class) return true;
        return objectAllowed && !returnType.isPrimitive() && !CharSequence.class.isAssignableFrom(returnType)
                && returnType != Optional.class && !Number.class.isAssignableFrom(returnType);
    }

    private static Method firstReference(Class<?> type, String... names) {
        for (String name : names) {
            Method m = reference(Reflect.method(type, name));
            if (m != null) return m;
        }
        return null;
    }

    private static Method reference(Method m) {
        return m == null || m.getReturnType().isPrimitive() ? null : m;
    }

    private static Method textual(Method m) {
        if (m == null) return null;
        Class<?> r = m.getReturnType();
        return r == String.class || r == Optional.class ? m : null;
    }

    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equals(name)) return true;
        }
        return false;
    }
}
