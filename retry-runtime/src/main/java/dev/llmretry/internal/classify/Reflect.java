package dev.llmretry.internal.classify;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Small reflection helpers for reading SDK objects we do not compile against. Lookups happen once per class (the
 * callers cache them in {@link ClassValue}s); only {@link #call} runs per failure. Nothing here ever throws.
 */
final class Reflect {
    private static final int MAX_TEXT = 200;
    private static final String[] HEADER_LOOKUPS = {"values", "getFirst", "firstValue", "getValue", "getHeaderValue", "get"};

    /** Per headers class: the one-String-argument method that reads a header, or none. */
    private static final ClassValue<Optional<Method>> HEADER_LOOKUP = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            for (String name : HEADER_LOOKUPS) {
                Method m = method(type, name, String.class);
                if (m != null) return Optional.of(m);
            }
            return Optional.empty();
        }
    };

    /** Per status-object class (Spring's {@code HttpStatusCode}/{@code HttpStatus}): its {@code int value()}. */
    private static final ClassValue<Optional<Method>> STATUS_VALUE = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            Method m = method(type, "value");
            return m != null && (m.getReturnType() == int.class || m.getReturnType() == Integer.class)
                    ? Optional.of(m) : Optional.empty();
        }
    };

    private Reflect() {}

    /** A public, non-static, non-void method callable from here, or null. Looks in public supertypes if needed. */
    static Method method(Class<?> type, String name, Class<?>... params) {
        Method m;
        try {
            m = type.getMethod(name, params);
        } catch (NoSuchMethodException | SecurityException | LinkageError e) {
            return null;
        }
        if (Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class) return null;
        if (isAccessible(m.getDeclaringClass())) return m;
        for (Class<?> supertype : supertypes(type)) {
            if (!isAccessible(supertype)) continue;
            try {
                Method candidate = supertype.getMethod(name, params);
                if (isAccessible(candidate.getDeclaringClass())) return candidate;
            } catch (NoSuchMethodException | SecurityException | LinkageError e) {
                // not declared there; keep looking
            }
        }
        return null;
    }

    /** Calls {@code m}; null if it fails in any way (the SDK's accessor threw, or the object is not what we thought). */
    static Object call(Method m, Object target, Object... args) {
        if (m == null || target == null) return null;
        try {
            return m.invoke(target, args);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** An HTTP status in 100..999 from an int, an Integer or an object with {@code int value()}; else -1. */
    static int status(Object value) {
        int status = -1;
        if (value instanceof Number n) {
            status = n.intValue();
        } else if (value != null) {
            Object v = call(STATUS_VALUE.get(value.getClass()).orElse(null), value);
            if (v instanceof Number n) status = n.intValue();
        }
        return status >= 100 && status <= 999 ? status : -1;
    }

    /** Short text from a String, an Optional or any object's {@code toString()}; null when empty or absent. */
    static String text(Object value) {
        if (value instanceof Optional<?> o) value = o.orElse(null);
        if (value == null) return null;
        String s;
        try {
            s = value.toString();
        } catch (RuntimeException e) {
            return null;
        }
        if (s == null || s.isBlank()) return null;
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    /** First value of header {@code name} (case-insensitive) from a Map or any SDK headers object; else null. */
    static String header(Object headers, String name) {
        if (headers == null) return null;
        if (headers instanceof Map<?, ?> map) return first(mapGet(map, name));
        Method lookup = HEADER_LOOKUP.get(headers.getClass()).orElse(null);
        Object value = call(lookup, headers, name);
        if (value == null && lookup != null) value = call(lookup, headers, name.toLowerCase(Locale.ROOT));
        return first(value);
    }

    /** Whether {@code type} or one of its superclasses has the fully qualified name {@code name}. */
    static boolean isNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) return true;
        }
        return false;
    }

    private static Object mapGet(Map<?, ?> map, String name) {
        try {
            Object direct = map.get(name);
            if (direct != null) return direct;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() instanceof String k && k.equalsIgnoreCase(name)) return e.getValue();
            }
        } catch (RuntimeException e) {
            // a map that rejects String keys or fails while iterating: treat the header as absent
        }
        return null;
    }

    private static String first(Object value) {
        if (value instanceof List<?> list) return list.isEmpty() ? null : first(list.get(0));
        if (value instanceof Collection<?> c) return c.isEmpty() ? null : first(c.iterator().next());
        if (value instanceof Optional<?> o) return first(o.orElse(null));
        return value instanceof CharSequence cs ? cs.toString() : null;
    }

    private static boolean isAccessible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) return false;
        }
        return type.getModule().isExported(type.getPackageName(), Reflect.class.getModule());
    }

    private static Set<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) continue;
            if (c.getSuperclass() != null) todo.add(c.getSuperclass());
            todo.addAll(List.of(c.getInterfaces()));
        }
        return seen;
    }
}
