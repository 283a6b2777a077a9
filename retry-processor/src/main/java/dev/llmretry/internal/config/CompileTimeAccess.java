package dev.llmretry.internal.config;

import java.util.Collection;

/**
 * Opens the package-private helpers of the retry.yaml code that the annotation processor reuses. It lives only in
 * retry-processor, which compiles retry-runtime's {@code dev.llmretry.config} sources and relocates them (and this
 * class) to {@code dev.llmretry.processor.internal.config}; it is not part of the runtime. Stateless.
 *
 * <pre>{@code
 * CompileTimeAccess.didYouMean("onapi", Set.of("iag", "oneapi"));   // ", did you mean 'oneapi'?"
 * }</pre>
 */
public final class CompileTimeAccess {
    private CompileTimeAccess() {
    }

    /** The runtime's "did you mean" for a misspelt name: {@code ", did you mean 'x'?"}, or {@code ""}. */
    public static String didYouMean(String given, Collection<String> known) {
        return Suggestions.didYouMean(given, known);
    }
}
