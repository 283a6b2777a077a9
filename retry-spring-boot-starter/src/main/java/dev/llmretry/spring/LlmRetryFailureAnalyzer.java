package dev.llmretry.spring;

import dev.llmretry.config.LlmRetryConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start that failed on retry.yaml or on a protected bean's plan into Spring Boot's
 * "APPLICATION FAILED TO START" report, with the library's message as the description.
 */
public class LlmRetryFailureAnalyzer extends AbstractFailureAnalyzer<LlmRetryConfigException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LlmRetryConfigException cause) {
        return new FailureAnalysis("llm-retry could not protect this application: " + cause.getMessage(),
                "Fix retry.yaml (the file named by llmretry.config) or the annotation named above. Every key is "
                        + "described in docs/configuration.md.", cause);
    }
}
