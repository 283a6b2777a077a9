package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;
import dev.llmretry.classify.LlmFailureClassifier;

import static dev.llmretry.internal.classify.Fixtures.CLOCK;
import static dev.llmretry.internal.classify.Fixtures.http;
import static dev.llmretry.internal.classify.Fixtures.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.llmretry.classify.fakes.GatewayBusyClassifier;
import dev.llmretry.classify.fakes.GatewayBusyException;
import dev.llmretry.internal.config.ClassificationSettings;
import dev.llmretry.internal.config.ClassificationSettings.Rules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The evaluation order around the built-in table: user classifiers, abortOn, retryOn, retry.yaml rules. */
class ClassifiersTest {

    private static ClassificationSettings settings(Decision decision, Rules rules) {
        Map<Decision, Rules> map = new EnumMap<>(Decision.class);
        map.put(decision, rules);
        return new ClassificationSettings(map);
    }

    private static Rules statuses(Integer... statuses) {
        return new Rules(Set.of(statuses), Set.of(), List.of(), List.of());
    }

    private static Rules codes(String... codes) {
        return new Rules(Set.of(), Set.of(codes), List.of(), List.of());
    }

    private static Rules classes(String... names) {
        return new Rules(Set.of(), Set.of(), List.of(names), List.of());
    }

    private static Rules patterns(String... regexes) {
        return new Rules(Set.of(), Set.of(), List.of(), List.of(regexes).stream().map(Pattern::compile).toList());
    }

    private static FailureClassifier withRules(ClassificationSettings settings) {
        return Classifiers.forMethod(settings, List.of(), List.of(), List.of(), CLOCK);
    }

    @Test
    void yamlStatusRule_classify_overridesBuiltInAndKeepsStatus() {
        Classification c = withRules(settings(Decision.RETRY, statuses(403))).classify(http(403, "gateway says no"));

        assertEquals(Classification.of(Decision.RETRY, "rule_status").withStatus(403), c);
    }

    @Test
    void yamlErrorCodeRule_classify_matchesCodeOrTypeIgnoringCase() {
        FailureClassifier classifier = withRules(settings(Decision.FAILOVER, codes("RATE_LIMIT_EXCEEDED")));

        Classification c = classifier.classify(http(429, openAiError("requests", "rate_limit_exceeded", "slow"),
                "retry-after", "3"));

        assertEquals(Classification.of(Decision.FAILOVER, "rule_error_code").withStatus(429)
                .withRetryAfter(Duration.ofSeconds(3)), c);
    }

    @Test
    void yamlExceptionClassRule_classify_matchesSuperclassNameInsideWrappers() {
        FailureClassifier classifier = withRules(settings(Decision.RETRY, classes("java.lang.IllegalStateException")));

        Classification c = classifier.classify(new CompletionException(new GatewayStateException()));

        assertEquals(Classification.of(Decision.RETRY, "rule_exception_class"), c);
    }

    @Test
    void yamlMessagePattern_classify_matchesBodyText() {
        FailureClassifier classifier = withRules(settings(Decision.ABORT, patterns("model `[^`]+` does not exist")));

        Classification c = classifier.classify(http(404, openAiError("invalid_request_error", "model_not_found",
                "The model `gpt-9` does not exist")));

        assertEquals(Classification.of(Decision.ABORT, "rule_message_pattern").withStatus(404), c);
    }

    @Test
    void yamlRulesOfSeveralDecisions_classify_abortWinsOverFailoverOverRetry() {
        Map<Decision, Rules> map = new EnumMap<>(Decision.class);
        map.put(Decision.RETRY, statuses(500));
        map.put(Decision.FAILOVER, statuses(500));
        map.put(Decision.ABORT, patterns("poison"));
        FailureClassifier classifier = withRules(new ClassificationSettings(map));

        assertEquals(Decision.ABORT, classifier.classify(http(500, "poison pill")).decision());
        assertEquals(Decision.FAILOVER, classifier.classify(http(500, "plain")).decision());
    }

    @Test
    void noMatchingYamlRule_classify_fallsThroughToBuiltIn() {
        Classification c = withRules(settings(Decision.RETRY, statuses(418))).classify(http(429, "slow"));

        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429), c);
    }

    @Test
    void abortOnAndRetryOnBothMatch_classify_abortOnWins() {
        FailureClassifier classifier = Classifiers.forMethod(null, List.of(IllegalStateException.class),
                List.of(GatewayStateException.class), List.of(), CLOCK);

        assertEquals(Classification.of(Decision.ABORT, "abort_on"), classifier.classify(new GatewayStateException()));
    }

    @Test
    void retryOnSubclassInsideWrapper_classify_retryOnWinsOverYamlAndBuiltIn() {
        FailureClassifier classifier = Classifiers.forMethod(settings(Decision.ABORT, classes(GatewayStateException.class.getName())),
                List.of(IllegalStateException.class), List.of(), List.of(), CLOCK);

        assertEquals(Classification.of(Decision.RETRY, "retry_on"),
                classifier.classify(new CompletionException(new GatewayStateException())));
    }

    @Test
    void abortOnHttpException_classify_keepsStatusAndRetryAfter() {
        FailureClassifier classifier = Classifiers.forMethod(null, List.of(), List.of(dev.llmretry.LlmHttpException.class),
                List.of(), CLOCK);

        assertEquals(Classification.of(Decision.ABORT, "abort_on").withStatus(503).withRetryAfter(Duration.ofSeconds(1)),
                classifier.classify(http(503, "busy", "retry-after", "1")));
    }

    @Test
    void userClassifier_classify_askedBeforeAbortOnAndCompletedWithStatus() {
        LlmFailureClassifier user = f -> Classification.of(Decision.FAILOVER, "mine");
        FailureClassifier classifier = Classifiers.forMethod(null, List.of(), List.of(RuntimeException.class),
                List.of(user), CLOCK);

        assertEquals(Classification.of(Decision.FAILOVER, "mine").withStatus(429).withRetryAfter(Duration.ofSeconds(9)),
                classifier.classify(http(429, "slow", "retry-after", "9")));
    }

    @Test
    void userClassifiersWithoutOpinion_classify_nextOneThenBuiltInDecide() {
        LlmFailureClassifier silent = f -> null;
        FailureClassifier classifier = Classifiers.forMethod(null, List.of(), List.of(),
                List.of(silent, new GatewayBusyClassifier()), CLOCK);

        assertEquals(Classification.of(Decision.RETRY, "gateway_busy"), classifier.classify(new GatewayBusyException("busy")));
        assertEquals(Classification.of(Decision.ABORT, "programming_error"), classifier.classify(new IllegalStateException()));
    }

    @Test
    void throwingUserClassifier_classify_isNoOpinionAndLoggedOnce() {
        FailureClassifier classifier = Classifiers.forMethod(null, List.of(), List.of(),
                List.of(new ThrowingClassifier()), CLOCK);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Classification first;
        Classification second;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            first = classifier.classify(http(503, "busy"));
            second = classifier.classify(http(401, "who"));
        } finally {
            System.setErr(original);
        }

        assertEquals("server_error", first.reason());
        assertEquals("unauthorized", second.reason());
        String log = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.split(Pattern.quote(ThrowingClassifier.class.getName() + " threw"), -1).length - 1, log);
    }

    @Test
    void serviceFileWithBrokenProviders_loadUserClassifiers_skipsThemAndLoadsTheRest() throws IOException {
        URL root = getClass().getClassLoader().getResource("classify-spi/");
        assertNotNull(root);
        List<LlmFailureClassifier> loaded;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root}, getClass().getClassLoader())) {
            loaded = Classifiers.loadUserClassifiers(loader);
        }

        assertEquals(1, loaded.size(), loaded.toString());
        assertInstanceOf(GatewayBusyClassifier.class, loaded.get(0));
        FailureClassifier classifier = Classifiers.forMethod(null, List.of(), List.of(), loaded, CLOCK);
        assertEquals("gateway_busy", classifier.classify(new GatewayBusyException("x")).reason());
    }

    @Test
    void noServiceFile_loadUserClassifiers_isEmpty() {
        assertEquals(List.of(), Classifiers.loadUserClassifiers(new URLClassLoader(new URL[0], null)));
    }

    @Test
    void builtIn_classify_equalsForMethodWithoutCustomisation() {
        FailureClassifier plain = Classifiers.forMethod(ClassificationSettings.empty(), List.of(), List.of(), List.of(), CLOCK);

        assertEquals(Classifiers.builtIn(CLOCK).classify(http(529, "x")), plain.classify(http(529, "x")));
    }

    /** A user-side subclass of IllegalStateException. */
    static final class GatewayStateException extends IllegalStateException {
    }

    /** A user classifier with a bug. */
    static final class ThrowingClassifier implements LlmFailureClassifier {
        @Override
        public Classification classify(Throwable failure) {
            throw new NullPointerException("bug in user code");
        }
    }
}
