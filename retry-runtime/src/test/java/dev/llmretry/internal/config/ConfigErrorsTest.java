package dev.llmretry.internal.config;

import dev.llmretry.config.ConfigProblem;
import dev.llmretry.config.LlmRetryConfigException;

import static dev.llmretry.internal.config.ConfigFixtures.fails;
import static dev.llmretry.internal.config.ConfigFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind of mistake in retry.yaml gives one exact, actionable message naming file, key path, value and fix. */
class ConfigErrorsTest {

    private static void assertError(String yaml, String message) {
        assertEquals(message, fails(yaml).getMessage());
    }

    @Test
    void maxAttemptsZero_load_failsWithFileKeyPathValueAndRange() {
        LlmRetryConfigException e = fails("retry:\n  default:\n    max-attempts: 0\n");
        assertEquals("retry.yaml: retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.", e.getMessage());
        assertEquals("retry.yaml", e.source());
        assertEquals(List.of(new ConfigProblem("retry.default.max-attempts", "0", ">= 1",
                "retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.")), e.problems());
    }

    @Test
    void misspeltTopLevelKey_load_suggestsTheKnownKey() {
        assertError("retries: {}\n", "retry.yaml: retries is not a known key, did you mean 'retry'?");
        assertError("circuit_breaker: {}\n", "retry.yaml: circuit_breaker is not a known key, did you mean 'circuit-breaker'?");
    }

    @Test
    void misspeltPolicyKey_load_suggestsTheKnownKey() {
        assertError("retry: { default: { max-atempts: 3 } }\n",
                "retry.yaml: retry.default.max-atempts is not a known key, did you mean 'max-attempts'?");
        assertError("retry: { default: { Max-Attempts: 3 } }\n",
                "retry.yaml: retry.default.Max-Attempts is not a known key, did you mean 'max-attempts'?");
    }

    @Test
    void unrelatedKey_load_listsTheKnownKeys() {
        assertError("failover: { colour: red }\n",
                "retry.yaml: failover.colour is not a known key; known keys: enabled, strategy");
    }

    @Test
    void mapWhereNumberExpected_load_saysItWasAMap() {
        assertError("retry: { default: { max-attempts: { a: 1 } } }\n",
                "retry.yaml: retry.default.max-attempts was a map, must be an integer >= 1");
    }

    @Test
    void listWhereMapExpected_load_saysItWasAList() {
        assertError("retry: [default, streaming]\n",
                "retry.yaml: retry was a list, must be a map of named policies, like default: { ... }");
    }

    @Test
    void textWhereEndpointMapExpected_load_showsTheTextAndTheKeys() {
        assertError("endpoints:\n  iag: https://iag.example/v1\n", "retry.yaml: endpoints.iag was https://iag.example/v1, "
                + "must be a map with url, model, api-key, priority, circuit-breaker, properties, proxy");
    }

    @Test
    void documentIsAList_load_saysTheDocumentMustBeAMap() {
        assertError("- a\n- b\n", "retry.yaml: the document was a list, must be a map with retry, circuit-breaker, "
                + "endpoints, failover, classification, methods, health");
    }

    @Test
    void badDuration_load_saysWhichFormsAreAccepted() {
        assertError("retry: { default: { initial-backoff: 5 parsecs } }\n", "retry.yaml: retry.default.initial-backoff "
                + "was 5 parsecs, must be a duration like 500ms, 2s, 1.5m, 1h, 1d or ISO-8601 PT2S");
    }

    @Test
    void durationWithoutUnit_load_saysAUnitIsRequired() {
        assertError("circuit-breaker: { default: { recovery-time: 120 } }\n", "retry.yaml: circuit-breaker.default."
                + "recovery-time was 120, must be a duration like 500ms, 2s, 1.5m, 1h, 1d or ISO-8601 PT2S (a unit is required)");
    }

    @Test
    void badNumber_load_saysANumberIsExpected() {
        assertError("retry: { default: { multiplier: fast } }\n",
                "retry.yaml: retry.default.multiplier was fast, must be a number >= 1.0");
    }

    @Test
    void emptyValue_load_saysItWasEmpty() {
        assertError("retry:\n  default:\n    max-attempts:\n", "retry.yaml: retry.default.max-attempts was empty, must be an integer >= 1");
    }

    @Test
    void initialAboveMaxBackoff_load_namesBothKeys() {
        assertError("retry: { default: { initial-backoff: 1m } }\n",
                "retry.yaml: retry.default.initial-backoff was 1m, must be <= max-backoff (30s). Lower initial-backoff or raise max-backoff.");
    }

    @Test
    void unknownBreakerPolicyOnEndpoint_load_listsPoliciesAndSuggests() {
        assertError("endpoints: { iag: { url: https://iag.example, circuit-breaker: defualt } }\n",
                "retry.yaml: endpoints.iag.circuit-breaker was defualt, must be one of the circuit-breaker policies: "
                        + "default, did you mean 'default'?");
        assertError("endpoints: { iag: { url: https://iag.example, circuit-breaker: strict } }\n",
                "retry.yaml: endpoints.iag.circuit-breaker was strict, must be one of the circuit-breaker policies: default");
    }

    @Test
    void unknownRetryPolicyInMethods_load_listsPoliciesAndSuggests() {
        assertError("retry: { fast: { max-attempts: 2 } }\nmethods: { \"a.B#c\": { retry: { policy: fsat } } }\n",
                "retry.yaml: methods.\"a.B#c\".retry.policy was fsat, must be one of the retry policies: default, "
                        + "streaming, fast, did you mean 'fast'?");
    }

    @Test
    void misspeltKeyInMethods_load_suggestsPolicyToo() {
        assertError("methods: { \"a.B#c\": { retry: { polcy: fast } } }\n",
                "retry.yaml: methods.\"a.B#c\".retry.polcy is not a known key, did you mean 'policy'?");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"com.acme.ChatService.complete", "a#b#c", "#complete", "com.acme.ChatService#", "a b#c"})
    void malformedMethodKey_load_showsTheExpectedShape(String key) {
        assertError("methods: { \"" + key + "\": { retry: { max-attempts: 2 } } }\n", "retry.yaml: methods.\"" + key
                + "\" is not a method key; write \"fully.qualified.Class#method\", like \"com.acme.ChatService#complete\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"acme.chat", "summarize", "acme-chat.v2", "team/chat"})
    void callNameKey_load_isAnOverrideForThatLlmCall(String key) {
        LlmRetryConfig config = parse("methods: { \"" + key + "\": { retry: { max-attempts: 2 } } }\n");
        assertEquals(java.util.Optional.of(2), config.methodOverride(key).map(o -> o.retry().value("max-attempts")
                .orElseThrow()));
    }

    @Test
    void keyWithSpaceAndNoHash_load_namesBothShapes() {
        assertError("methods: { \"acme chat\": { retry: { max-attempts: 2 } } }\n", "retry.yaml: methods.\"acme chat\" "
                + "is not a method key; write \"fully.qualified.Class#method\", like \"com.acme.ChatService#complete\", "
                + "or an LlmCall name such as \"acme.chat\"");
    }

    @Test
    void unknownEndpoint_requireEndpoint_suggestsAndListsNames() {
        LlmRetryConfig config = parse("endpoints: { iag: { url: https://iag.example }, oneapi: { url: https://one.example } }\n");
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> config.requireEndpoint("onapi"));
        assertEquals("retry.yaml: no endpoint named 'onapi', did you mean 'oneapi'? (defined: iag, oneapi); add it under "
                + "endpoints: in retry.yaml", e.getMessage());
        assertEquals("iag", config.requireEndpoint("iag").name());
    }

    @Test
    void unknownPolicyName_retryPolicy_listsDefinedNames() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> LlmRetryConfig.defaults().retryPolicy("streamin"));
        assertEquals("built-in defaults: no retry policy named 'streamin', did you mean 'streaming'? (defined: default, "
                + "streaming); add it under retry: in retry.yaml or use a defined one", e.getMessage());
        assertEquals("retry.streamin", e.problems().get(0).keyPath());
    }

    @Test
    void unsetVariable_load_namesKeyVariableAndFix() {
        assertError("endpoints: { iag: { url: \"https://${IAG_HOST}/v1\" } }\n", "retry.yaml: endpoints.iag.url uses "
                + "${IAG_HOST}, which is not set; set the environment variable or system property IAG_HOST, or give a "
                + "default: ${IAG_HOST:value}");
    }

    @Test
    void missingUrl_load_saysEveryEndpointNeedsOne() {
        assertError("endpoints: { iag: { model: gpt-4o } }\n", "retry.yaml: endpoints.iag.url is missing; every endpoint "
                + "needs an absolute http:// or https:// URL like https://api.example.com/v1");
    }

    @Test
    void emptyUrl_load_saysItWasEmpty() {
        assertError("endpoints: { iag: { url: \"${IAG_URL:}\" } }\n", "retry.yaml: endpoints.iag.url was \"\" (from "
                + "${IAG_URL:}), must be an absolute http:// or https:// URL like https://api.example.com/v1");
        assertError("endpoints: { iag: { url: } }\n", "retry.yaml: endpoints.iag.url was empty, must be an absolute "
                + "http:// or https:// URL like https://api.example.com/v1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://iag.example", "iag.example/v1", "https://exa mple.com", "https:///v1", "/v1"})
    void badUrl_load_showsTheUrlAndTheExpectedForm(String url) {
        assertError("endpoints: { iag: { url: \"" + url + "\" } }\n", "retry.yaml: endpoints.iag.url was " + url
                + ", must be an absolute http:// or https:// URL like https://api.example.com/v1");
    }

    @Test
    void urlWithCredentials_load_masksThemAndPointsToApiKey() {
        assertError("endpoints: { iag: { url: \"https://bob:hunter2@iag.example/v1\" } }\n", "retry.yaml: endpoints.iag.url "
                + "was https://****@iag.example/v1, must be an absolute http:// or https:// URL like "
                + "https://api.example.com/v1, without credentials (use api-key or properties)");
    }

    @Test
    void badPriority_load_saysAnIntegerIsExpected() {
        assertError("endpoints: { iag: { url: https://iag.example, priority: first } }\n",
                "retry.yaml: endpoints.iag.priority was first, must be an integer");
    }

    @Test
    void nestedPropertyValue_load_saysTextIsExpected() {
        assertError("endpoints: { iag: { url: https://iag.example, properties: { headers: { a: b } } } }\n",
                "retry.yaml: endpoints.iag.properties.headers was a map, must be text");
    }

    @Test
    void invalidEndpointName_load_saysWhichCharactersAreAllowed() {
        assertError("endpoints: { \"Azure OpenAI\": { url: https://a.example } }\n",
                "retry.yaml: endpoints.Azure OpenAI is not a valid endpoint name; use letters, digits, '.', '_' or '-'");
    }

    @Test
    void invalidPolicyName_load_saysWhichCharactersAreAllowed() {
        assertError("retry: { \"my policy\": { max-attempts: 2 } }\n",
                "retry.yaml: retry.my policy is not a valid policy name; use letters, digits, '.', '_' or '-'");
    }

    @Test
    void proxyPasswordWithoutUser_load_asksForBoth() {
        assertError("endpoints: { iag: { url: https://iag.example, proxy: { http: http://proxy:8080, password: pw } } }\n",
                "retry.yaml: endpoints.iag.proxy.password is set but endpoints.iag.proxy.username is not; set both, or neither");
    }

    @Test
    void proxyUrlWithPath_load_saysNoPath() {
        assertError("endpoints: { iag: { url: https://iag.example, proxy: { http: http://proxy:8080/x } } }\n",
                "retry.yaml: endpoints.iag.proxy.http was http://proxy:8080/x, must be an http:// or https:// proxy URL "
                        + "like http://proxy:8080, without a path");
    }

    @Test
    void noProxyRange_load_saysRangesAreNotSupported() {
        assertError("endpoints: { iag: { url: https://iag.example, proxy: { no-proxy: [10.0.0.0/8] } } }\n",
                "retry.yaml: endpoints.iag.proxy.no-proxy[0] was 10.0.0.0/8, must be a host (localhost, 127.0.0.1), "
                        + "a domain (.corp.local) or * (address ranges are not supported)");
    }

    @Test
    void badBoolean_load_saysTrueOrFalse() {
        assertError("failover: { enabled: maybe }\n", "retry.yaml: failover.enabled was maybe, must be true or false");
    }

    @Test
    void badStrategy_load_listsStrategies() {
        assertError("failover: { strategy: fastest }\n",
                "retry.yaml: failover.strategy was fastest, must be one of priority, success-rate, round-robin");
        assertError("failover: { strategy: policy }\n",
                "retry.yaml: failover.strategy was policy, must be one of priority, success-rate, round-robin");
    }

    @Test
    void invalidRegex_load_showsPatternAndReason() {
        assertError("classification: { abort: { message-patterns: [\"context(length\"] } }\n",
                "retry.yaml: classification.abort.message-patterns[0] was context(length, must be a Java regular "
                        + "expression (Unclosed group near index 14)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"99", "600", "4xx", "-1"})
    void badStatus_load_saysTheRange(String status) {
        assertError("classification: { retry: { status: [425, " + status + "] } }\n", "retry.yaml: classification.retry."
                + "status[1] was " + status + ", must be an HTTP status code from 100 to 599");
    }

    @Test
    void exceptionWithoutPackage_load_asksForFullyQualifiedName() {
        assertError("classification: { retry: { exceptions: [FlakyException] } }\n", "retry.yaml: classification.retry."
                + "exceptions[0] was FlakyException, must be a fully-qualified class name like java.io.IOException");
    }

    @Test
    void statusInTwoDecisions_load_saysWhereItAlreadyIs() {
        assertError("classification: { retry: { status: [425] }, abort: { status: 425 } }\n", "retry.yaml: classification."
                + "abort.status was 425, which is already in classification.retry.status; each one can have only one decision");
    }

    @Test
    void unknownDecision_load_suggestsOne() {
        assertError("classification: { retyr: { status: [425] } }\n",
                "retry.yaml: classification.retyr is not a known key, did you mean 'retry'?");
    }

    @Test
    void duplicateKey_load_namesBothLines() {
        assertError("retry:\n  default:\n    max-attempts: 3\n    max-attempts: 4\n",
                "retry.yaml: retry.default.max-attempts is given twice (lines 3 and 4); keep one");
    }

    @Test
    void badHealthWindow_load_saysAboveZero() {
        assertError("health: { window: 0s }\n", "retry.yaml: health.window was 0s, must be > 0");
    }

    @Test
    void syntaxError_load_givesLineAndColumn() {
        // the { left open on line 2, not the end of the file (line 3) where SnakeYAML noticed it
        assertError("retry:\n  default: { max-attempts: 3\n", "retry.yaml: line 2, column 12: expected ',' or '}', but "
                + "got <stream end> (while parsing a flow mapping)");
    }

    @Test
    void tabIndentation_load_givesLineAndColumn() {
        LlmRetryConfigException e = fails("retry:\n\tdefault: {}\n");
        assertEquals("retry.yaml: line 2, column 1: found character '\\t(TAB)' that cannot start any token. (Do not use "
                + "\\t(TAB) for indentation) (while scanning for the next token)", e.getMessage());
    }

    @Test
    void twoDocuments_load_saysOneIsExpected() {
        assertEquals("retry.yaml: line 2, column 1: but found another document (expected a single document in the stream)",
                fails("retry: {}\n---\nretry: {}\n").getMessage());
    }

    @Test
    void manyMistakes_load_reportsAllWithCountHeader() {
        LlmRetryConfigException e = fails("retry:\n  default: { max-attempts: 0, jitter: wild }\n"
                + "endpoints:\n  iag: { url: ftp://x }\nfailover: { strategy: fastest }\n");
        assertEquals("retry.yaml has 4 problems:\n"
                + "  retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.\n"
                + "  retry.default.jitter was wild, must be one of none, full, equal, decorrelated\n"
                + "  endpoints.iag.url was ftp://x, must be an absolute http:// or https:// URL like https://api.example.com/v1\n"
                + "  failover.strategy was fastest, must be one of priority, success-rate, round-robin", e.getMessage());
        assertEquals(4, e.problems().size());
    }
}
