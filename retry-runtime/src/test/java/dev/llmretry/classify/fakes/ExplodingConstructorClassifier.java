package dev.llmretry.classify.fakes;

import dev.llmretry.classify.Classification;
import dev.llmretry.classify.LlmFailureClassifier;

/** A provider that cannot even be instantiated. */
public class ExplodingConstructorClassifier implements LlmFailureClassifier {
    public ExplodingConstructorClassifier() {
        throw new IllegalStateException("misconfigured");
    }

    @Override
    public Classification classify(Throwable failure) {
        return null;
    }
}
