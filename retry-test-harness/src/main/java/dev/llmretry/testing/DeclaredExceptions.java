package dev.llmretry.testing;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.opentest4j.AssertionFailedError;

/**
 * Mockito's rule for scripted exceptions: a checked exception may only be injected into a method that can throw it.
 * Otherwise the caller would receive an exception its {@code catch} blocks cannot name, so the attempt fails with an
 * assertion error instead (an {@code Error}: never retried). Stateless.
 */
final class DeclaredExceptions {
    private DeclaredExceptions() {
    }

    /** Throws {@code failure} if {@code methodId} may throw it, otherwise explains why the script is wrong. */
    static Throwable check(String methodId, Throwable failure, String faultDescription) {
        if (failure instanceof RuntimeException || failure instanceof Error) return failure;
        Method[] candidates = overloads(methodId);
        if (candidates.length == 0) return failure; // cannot tell: let it through
        for (Method m : candidates) {
            if (deliversFailuresLater(m.getReturnType())) return failure;
            for (Class<?> declared : m.getExceptionTypes()) {
                if (declared.isInstance(failure)) return failure;
            }
        }
        // an Error, so the library aborts at once instead of retrying it
        AssertionFailedError wrong = new AssertionFailedError("The fault " + faultDescription + " throws the checked "
                + failure.getClass().getName() + ", which " + methodId + " does not declare (throws "
                + Arrays.toString(candidates[0].getExceptionTypes()) + "): its callers could not catch it. Script a "
                + "failure the method can throw, e.g. fail(503), or wrap it: fail(new UncheckedIOException(...)).", failure);
        return wrong;
    }

    /** Async and reactive results carry any failure to the consumer, checked or not. */
    private static boolean deliversFailuresLater(Class<?> result) {
        return CompletionStage.class.isAssignableFrom(result) || Flow.Publisher.class.isAssignableFrom(result);
    }

    private static Method[] overloads(String methodId) {
        int hash = methodId.indexOf('#');
        if (hash < 0) return new Method[0];
        String name = methodId.substring(hash + 1);
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(methodId.substring(0, hash), false,
                    loader != null ? loader : DeclaredExceptions.class.getClassLoader());
            return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)).toArray(Method[]::new);
        } catch (ClassNotFoundException | LinkageError e) {
            return new Method[0];
        }
    }
}
