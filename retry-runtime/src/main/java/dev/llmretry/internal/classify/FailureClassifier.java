package dev.llmretry.internal.classify;

import dev.llmretry.classify.Classification;

/**
 * Classifies the failure of one attempt. The executor holds one per method, combining (in this order) the user
 * classifiers found through {@link java.util.ServiceLoader}, the method's {@code abortOn}/{@code retryOn}, the
 * {@code classification:} section of retry.yaml and the built-in table. Implementations are thread-safe.
 *
 * <pre>{@code
 * Classification c = classifier.classify(new LlmHttpException(429, headers, body));
 * }</pre>
 */
@FunctionalInterface
public interface FailureClassifier {
    /** Never returns {@code null}. */
    Classification classify(Throwable failure);
}
