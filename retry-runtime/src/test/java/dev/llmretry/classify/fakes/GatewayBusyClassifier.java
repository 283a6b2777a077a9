package dev.llmretry.classify.fakes;

import dev.llmretry.classify.Classification;
import dev.llmretry.classify.Decision;
import dev.llmretry.classify.LlmFailureClassifier;

/** A user classifier registered through META-INF/services (test resources, classify-spi/). */
public class GatewayBusyClassifier implements LlmFailureClassifier {
    @Override
    public Classification classify(Throwable failure) {
        return failure instanceof GatewayBusyException ? Classification.of(Decision.RETRY, "gateway_busy") : null;
    }
}
