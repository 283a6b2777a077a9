package dev.llmretry.internal.classify;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The cause chain of a failure, outermost first: at most {@value #MAX_DEPTH} throwables, each at most once. */
final class CauseChain {
    static final int MAX_DEPTH = 16;

    private CauseChain() {}

    /** The chain starting at {@code failure}; stops at the depth bound or at the first throwable seen before. */
    static Throwable[] of(Throwable failure) {
        Throwable[] chain = new Throwable[MAX_DEPTH];
        int n = 0;
        for (Throwable t = failure; t != null && n < MAX_DEPTH && !contains(chain, n, t); t = causeOf(t)) {
            chain[n++] = t;
        }
        return n == MAX_DEPTH ? chain : Arrays.copyOf(chain, n);
    }

    /**
     * The first throwable that says something of its own: wrappers ({@code CompletionException},
     * {@code ExecutionException}, {@code UncheckedIOException}, reflection wrappers, and a bare
     * {@code RuntimeException}/{@code Exception} around a cause) are skipped.
     */
    static Throwable subject(Throwable[] chain) {
        for (Throwable t : chain) {
            if (!isWrapper(t)) return t;
        }
        return chain[chain.length - 1];
    }

    static boolean isWrapper(Throwable t) {
        if (causeOf(t) == null) return false;
        Class<?> c = t.getClass();
        return t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof UncheckedIOException || t instanceof InvocationTargetException
                || t instanceof UndeclaredThrowableException
                || c == RuntimeException.class || c == Exception.class;
    }

    /** The first throwable in the chain that is an instance of {@code type}, or null. */
    static <T> T find(Throwable[] chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    private static boolean contains(Throwable[] chain, int n, Throwable t) {
        for (int i = 0; i < n; i++) {
            if (chain[i] == t) return true;
        }
        return false;
    }

    /** {@code getCause()} can be overridden; a broken one must not break classification. */
    private static Throwable causeOf(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
