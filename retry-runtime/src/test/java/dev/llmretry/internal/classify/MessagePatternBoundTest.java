package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.internal.classify.Fixtures.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmretry.LlmHttpException;
import dev.llmretry.internal.config.ClassificationSettings;
import dev.llmretry.internal.config.ClassificationSettings.Rules;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A user's {@code message-patterns} regex runs against upstream text, which the user does not control: a
 * catastrophic pattern ({@code (a+)+b}) on a hostile message must not hang the call. Each pattern sees a bounded
 * start of each text and gets a bounded number of steps; beyond that it counts as not matching.
 */
class MessagePatternBoundTest {
    static final Duration WATCHDOG = Duration.ofSeconds(20);

    static FailureClassifier abortOn(String regex) {
        Rules rules = new Rules(Set.of(), Set.of(), List.of(), List.of(Pattern.compile(regex)));
        return Classifiers.forMethod(new ClassificationSettings(Map.of(Decision.ABORT, rules)), List.of(), List.of(),
                List.of(), CLOCK);
    }

    @Test
    void catastrophicPattern_onAHostileMessage_givesUpAsNoMatch_builtInTableDecides() {
        FailureClassifier classifier = abortOn("(a+)+b");
        IOException hostile = new IOException("a".repeat(60) + "c");

        Classification c = assertTimeoutPreemptively(WATCHDOG, () -> classifier.classify(hostile),
                "a catastrophic message-pattern hung the classification");

        assertEquals(Decision.RETRY, c.decision(), c.toString());
    }

    @Test
    void catastrophicPattern_onAHostileBody_givesUpAsNoMatch() {
        FailureClassifier classifier = abortOn("(x+x+)+y");
        LlmHttpException hostile = new LlmHttpException(503, Map.of(), "x".repeat(5000));

        Classification c = assertTimeoutPreemptively(WATCHDOG, () -> classifier.classify(hostile));

        assertEquals("server_error", c.reason(), c.toString());
    }

    @Test
    void ordinaryPattern_nearTheStartOfAHugeMessage_stillMatches() {
        FailureClassifier classifier = abortOn("context.length");
        IOException huge = new IOException("model context length exceeded " + "z".repeat(10_000_000));

        assertEquals(Decision.ABORT, classifier.classify(huge).decision());
    }
}
