package dev.llmretry.testing;

import dev.llmretry.annotation.Failover;
import dev.llmretry.internal.exec.NotWovenWarning;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Finds annotated classes that were never woven, which would silently run unprotected. ajc (at build time, or the
 * agent at load time) moves the body of each advised method {@code m} into a generated {@code m_aroundBody<n>}
 * method; an annotated method without one was not woven. Candidates are the classes of the test instance's field
 * values and of their fields (two levels), plus the classes the test lists. Stateless.
 */
final class WeavingCheck {
    private static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(LlmRetry.class, LlmCircuitBreaker.class, Failover.class);

    private WeavingCheck() {
    }

    static void verify(Collection<Object> testInstances, Collection<Class<?>> listed) {
        Set<Class<?>> candidates = new LinkedHashSet<>(listed);
        Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Object instance : testInstances) collect(instance, 2, candidates, seen);
        for (Class<?> c : candidates) {
            for (Class<?> k = c; k != null && !isPlatform(k); k = k.getSuperclass()) {
                List<String> unwoven = unwovenMethods(k);
                if (!unwoven.isEmpty()) throw new ExtensionConfigurationException(message(k, unwoven));
            }
        }
    }

    /** Annotated methods of {@code type} itself that carry no woven body. */
    static List<String> unwovenMethods(Class<?> type) {
        Method[] methods = type.getDeclaredMethods();
        boolean typeLevel = ANNOTATIONS.stream().anyMatch(type::isAnnotationPresent);
        List<String> out = new ArrayList<>();
        for (Method m : methods) {
            if (m.isSynthetic() || m.isBridge() || Modifier.isAbstract(m.getModifiers()) || m.getName().contains("$")) {
                continue;
            }
            boolean annotated = ANNOTATIONS.stream().anyMatch(m::isAnnotationPresent)
                    || (typeLevel && Modifier.isPublic(m.getModifiers()));
            if (annotated && !hasWovenBody(methods, m.getName())) out.add(signature(m));
        }
        return out;
    }

    private static boolean hasWovenBody(Method[] methods, String name) {
        String prefix = name + "_aroundBody";
        return Arrays.stream(methods).anyMatch(m -> m.getName().startsWith(prefix));
    }

    private static void collect(Object o, int depth, Set<Class<?>> out, Set<Object> seen) {
        if (o == null || depth == 0 || !seen.add(o) || isPlatform(o.getClass()) || o.getClass().isArray()) return;
        for (Class<?> k = o.getClass(); k != null && !isPlatform(k); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getType().isPrimitive() || f.isSynthetic()) continue;
                Object value = read(f, o);
                if (value != null && !isPlatform(value.getClass()) && !SpringProxies.protectedByStarter(value)) {
                    out.add(value.getClass());
                    collect(value, depth - 1, out, seen);
                }
            }
        }
    }

    private static Object read(Field f, Object o) {
        try {
            if (Modifier.isStatic(f.getModifiers())) return null;
            f.setAccessible(true);
            return f.get(o);
        } catch (RuntimeException | IllegalAccessException e) {
            return null; // a module that does not open the package: nothing to check there
        }
    }

    private static boolean isPlatform(Class<?> c) {
        String n = c.getName();
        return c.isPrimitive() || n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.")
                || n.startsWith("sun.") || n.startsWith("com.sun.") || n.startsWith("org.junit.")
                || n.startsWith("org.aspectj.");
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).toList().toString()
                .replace('[', '(').replace(']', ')');
    }

    static String message(Class<?> type, List<String> methods) {
        return type.getName() + " carries llm-retry annotations but was not woven, so " + String.join(", ", methods)
                + " would run with no retry, circuit breaker or failover at all.\n"
                + "Fix it with ONE of these set-ups in the pom of the module that contains " + type.getSimpleName()
                + " (see docs/testing.md, \"The weaving check\"):\n\n"
                + "1. Compile-time weaving (recommended): weave the compiled classes with retry-runtime as aspect "
                + "library\n"
                + NotWovenWarning.COMPILE_TIME_WEAVING_PLUGIN + "\n"
                + "2. Load-time weaving: run the tests with the AspectJ agent (retry-runtime ships META-INF/aop.xml)\n"
                + "  <dependency><groupId>org.aspectj</groupId><artifactId>aspectjweaver</artifactId>"
                + "<version>1.9.27</version><scope>test</scope></dependency>\n"
                + "  <plugin><artifactId>maven-dependency-plugin</artifactId><executions><execution>"
                + "<goals><goal>properties</goal></goals></execution></executions></plugin>\n"
                + "  <plugin><artifactId>maven-surefire-plugin</artifactId><configuration>\n"
                + "    <argLine>-javaagent:${org.aspectj:aspectjweaver:jar}</argLine>\n"
                + "  </configuration></plugin>\n";
    }
}
