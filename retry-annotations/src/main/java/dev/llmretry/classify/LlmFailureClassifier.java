package dev.llmretry.classify;

import dev.llmretry.classify.Decision;

/**
 * A user classifier, asked before the built-in table. Register it in
 * {@code META-INF/services/dev.llmretry.classify.LlmFailureClassifier} (or with {@code @AutoService}).
 * Return {@code null} to leave the decision to the next rule. Must be thread-safe; an exception it throws is logged
 * and treated as "no opinion".
 *
 * <pre>{@code
 * @AutoService(LlmFailureClassifier.class)
 * public class GatewayClassifier implements LlmFailureClassifier {
 *     public Classification classify(Throwable failure) {
 *         return failure instanceof GatewayBusyException ? Classification.of(Decision.RETRY, "gateway_busy") : null;
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LlmFailureClassifier {
    /** The verdict, or {@code null} for no opinion. */
    Classification classify(Throwable failure);
}
