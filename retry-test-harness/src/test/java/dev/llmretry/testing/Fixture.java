package dev.llmretry.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that exists to be run by {@link EngineRuns} (several fail on purpose): disabled anywhere else, e.g.
 * when an IDE or {@code -Dtest=...} picks up the nested class directly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Fixture.OnlyInEngineRuns.class)
@interface Fixture {
    String PARAMETER = "llmretry.harness.fixtures";

    final class OnlyInEngineRuns implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by EngineRuns")
                    : ConditionEvaluationResult.disabled("a fixture of the harness's own tests, run through EngineRuns");
        }
    }
}
