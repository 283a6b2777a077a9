package dev.llmretry.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmretry.internal.config.CallRule;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** Every rule the runtime's DeclaredCall decides is reported under the id of the same name, with its severity. */
class CheckTest {
    @Test
    void everyCallRule_of_isTheCheckOfTheSameNameAndSeverity() {
        for (CallRule rule : CallRule.values()) {
            Check check = Check.of(rule);
            assertEquals(rule.name(), check.name());
            assertEquals(rule.error() ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING, check.kind(), rule.name());
        }
    }
}
