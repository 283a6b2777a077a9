package dev.llmretry.spring;

import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmCircuitBreaker;
import dev.llmretry.annotation.LlmRetry;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Which methods the advisor protects: those the AspectJ advice would protect (the annotation on the method, or on
 * its declaring class for its public methods), unless the class was already woven (at compile time or by the agent),
 * so that no call is protected twice. Stateless.
 */
final class Protection {
    private Protection() {
    }

    /** Whether calls of {@code method} (as declared by the bean's class) must go through the advisor. */
    static boolean wanted(Method method) {
        if (method.isSynthetic() || method.isBridge() || Modifier.isStatic(method.getModifiers())
                || method.getDeclaringClass() == Object.class) {
            return false;
        }
        boolean annotated = annotated(method)
                || (Modifier.isPublic(method.getModifiers()) && annotated(method.getDeclaringClass()));
        return annotated && !woven(method);
    }

    /**
     * Whether ajc moved the method's body into a generated {@code <name>_aroundBody<n>} method: the mark of a woven
     * join point, left alike by compile-time weaving and by the load-time agent (the check the test harness makes).
     */
    static boolean woven(Method method) {
        String prefix = method.getName() + "_aroundBody";
        for (Method m : method.getDeclaringClass().getDeclaredMethods()) {
            if (m.getName().startsWith(prefix)) return true;
        }
        return false;
    }

    private static boolean annotated(AnnotatedElement e) {
        return e.isAnnotationPresent(LlmRetry.class) || e.isAnnotationPresent(LlmCircuitBreaker.class)
                || e.isAnnotationPresent(Failover.class);
    }
}
