package dev.llmretry.internal.config;

import static dev.llmretry.internal.config.ConfigFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.internal.config.DeclaredCall.Source;
import dev.llmretry.internal.config.DeclaredCall.ThrowableType;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one check of a call's declaration: each rule once, named for its source, as runtime and processor print it. */
class DeclaredCallTest {
    private static final LlmRetryConfig CONFIG = parse("""
            retry:
              fast: { max-attempts: 2, max-backoff: 1s }
            endpoints:
              iag: { url: "https://iag.example/v1" }
              oneapi: { url: "https://oneapi.example/v1" }
            methods:
              "com.acme.Chat#ask": { retry: { policy: fast } }
            """);
    private static final KnownNames NAMES = KnownNames.of(CONFIG);

    private static DeclaredCall.Builder call(Source source) {
        return DeclaredCall.builder(source == Source.LLM_CALL ? "acme.chat" : "com.acme.Chat#ask", source);
    }

    private static List<String> messages(DeclaredCall call) {
        return call.problems(NAMES, null).stream().map(CallProblem::message).toList();
    }

    @Test
    void misspeltEndpoint_eachSource_sameSentenceAfterItsOrigin() {
        String sentence = ": retry.yaml: no endpoint named 'onapi', did you mean 'oneapi'? (defined: iag, oneapi); "
                + "add it under endpoints: in retry.yaml";
        List<String> endpoints = List.of("iag", "onapi");
        assertEquals(List.of("@Failover on com.acme.Chat#ask" + sentence),
                messages(call(Source.ANNOTATIONS).failover(endpoints).build()));
        assertEquals(List.of("LlmCall \"acme.chat\"" + sentence), messages(call(Source.LLM_CALL).failover(endpoints).build()));
        assertEquals(List.of("@Failover" + sentence), messages(call(Source.COMPILE_TIME).failover(endpoints).build()));
    }

    /** A report that names the call already (LlmCall.build()) takes the sentence after the subject, from the problem. */
    @Test
    void everyCallRule_problem_knowsItsSubject_predicateIsTheRest() {
        DeclaredCall call = call(Source.LLM_CALL).failover(List.of("iag", "onapi", "iag"))
                .retryOn(List.of(ThrowableType.of(IOException.class))).abortOn(List.of(ThrowableType.of(IOException.class)))
                .build();
        List<CallProblem> problems = call.problems(NAMES, null);
        assertEquals(List.of(CallRule.UNKNOWN_ENDPOINT, CallRule.DUPLICATE_ENDPOINT, CallRule.DEAD_RETRY_ON),
                problems.stream().map(CallProblem::rule).toList());
        for (CallProblem p : problems) {
            assertEquals("LlmCall \"acme.chat\"", p.subject());
            assertTrue(p.message().endsWith(p.predicate()), p.message());
        }
        assertTrue(problems.get(0).predicate().startsWith("retry.yaml: no endpoint named 'onapi'"),
                problems.get(0).predicate());
        assertEquals("lists endpoint 'iag' more than once; it would be tried twice. Remove the duplicate.",
                problems.get(1).predicate());
    }

    @Test
    void problemWithoutSubject_predicate_isTheWholeSentence_andAWrongSubjectIsRefused() {
        CallProblem p = new CallProblem(CallRule.ENDPOINT_POSITION, null, -1, null, "The Endpoint parameter of x is 7.");
        assertEquals(p.message(), p.predicate());
        assertThrows(IllegalArgumentException.class,
                () -> new CallProblem(CallRule.DUPLICATE_ENDPOINT, "endpoints", 0, "LlmCall \"b\"", "LlmCall \"a\" lists"));
    }

    @Test
    void unknownEndpoint_problem_blamesTheEntryAndIsARunTimeError() {
        CallProblem p = call(Source.ANNOTATIONS).failover(List.of("iag", "onapi")).build().problems(NAMES, null).get(0);
        assertEquals(CallRule.UNKNOWN_ENDPOINT, p.rule());
        assertEquals("endpoints", p.attribute());
        assertEquals(1, p.item());
        assertTrue(p.rule().error() && p.rule().atRunTime());
    }

    @Test
    void unknownEndpointLookup_config_saysTheSameSentence() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> CONFIG.requireEndpoint("onapi"));
        assertTrue(messages(call(Source.COMPILE_TIME).failover(List.of("iag", "onapi")).build()).get(0)
                .endsWith(e.getMessage()), e.getMessage());
    }

    @Test
    void noEndpoints_builderOrAnnotation_suggestsItsOwnSyntax() {
        assertEquals(List.of("LlmCall \"acme.chat\" names no endpoints. List at least one endpoint from retry.yaml, "
                + "e.g. .failover(\"iag\", \"oneapi\")."), messages(call(Source.LLM_CALL).failover(List.of()).build()));
        assertEquals(List.of("@Failover on com.acme.Chat#ask names no endpoints. List at least one endpoint from "
                + "retry.yaml, e.g. @Failover(endpoints = {\"iag\", \"oneapi\"})."),
                messages(call(Source.ANNOTATIONS).failover(List.of()).build()));
    }

    @Test
    void duplicateAndSingleEndpoint_compileTime_errorAndWarning() {
        List<CallProblem> dup = call(Source.COMPILE_TIME).failover(List.of("iag", "oneapi", "iag")).build().problems(NAMES, null);
        assertEquals(CallRule.DUPLICATE_ENDPOINT, dup.get(0).rule());
        assertEquals(2, dup.get(0).item());
        List<CallProblem> single = call(Source.COMPILE_TIME).failover(List.of("iag")).build().problems(NAMES, null);
        assertEquals(List.of(CallRule.SINGLE_ENDPOINT), single.stream().map(CallProblem::rule).toList());
        assertTrue(!single.get(0).rule().error() && !single.get(0).rule().atRunTime());
    }

    @Test
    void failoverOnTheClass_method_listNotCheckedAgain() {
        assertEquals(List.of(), call(Source.COMPILE_TIME).failover(List.of("onapi")).failoverOnType(true).build()
                .problems(NAMES, null));
    }

    @Test
    void unknownRetryPolicy_methodsEntryNamesAnother_theEntrysPolicyIsChecked() {
        DeclaredCall call = call(Source.ANNOTATIONS).retry("fats", SettingsPatch.empty(SettingsPatch.Kind.RETRY, "a", ""))
                .build();
        assertEquals(List.of("@LlmRetry on com.acme.Chat#ask: retry.yaml: no retry policy named 'fats', did you mean "
                + "'fast'? (defined: default, streaming, fast); add it under retry: in retry.yaml or use a defined one"),
                messages(call));
        assertEquals(List.of(), call.problems(NAMES, CONFIG.methodOverride("com.acme.Chat#ask").orElseThrow()));
        assertEquals("fast", call.retryPolicyInForce(CONFIG.methodOverride("com.acme.Chat#ask").orElseThrow()));
    }

    @Test
    void breakerWithFailover_problems_ignoredNotLookedUp() {
        DeclaredCall call = call(Source.ANNOTATIONS).breaker("lenient", null).breakerAttributes(List.of("name"))
                .failover(List.of("iag", "oneapi")).build();
        assertEquals(List.of("@LlmCircuitBreaker on com.acme.Chat#ask: name is ignored on a @Failover method: each "
                + "endpoint has its own circuit breaker. Configure it with endpoints.<name>.circuit-breaker in retry.yaml "
                + "and remove the attribute."), messages(call));
        assertEquals(CallRule.UNKNOWN_BREAKER_POLICY,
                call(Source.ANNOTATIONS).breaker("lenient", null).build().problems(NAMES, null).get(0).rule());
    }

    @Test
    void retryOnSubclassOfAbortOn_problems_deadRetryOnByName() {
        DeclaredCall call = call(Source.LLM_CALL).retryOn(List.of(ThrowableType.of(SocketTimeoutException.class),
                ThrowableType.of(IOException.class))).abortOn(List.of(ThrowableType.of(IOException.class))).build();
        List<CallProblem> problems = call.problems(NAMES, null);
        assertEquals(List.of("LlmCall \"acme.chat\" retryOn lists SocketTimeoutException, a subclass of IOException in "
                + "abortOn; abortOn wins, so it is never retried. Remove it from retryOn, or abort on a narrower class "
                + "than IOException.", "LlmCall \"acme.chat\" lists IOException in both retryOn and abortOn; abortOn "
                + "wins, so it is never retried. Remove it from one of them."),
                problems.stream().map(CallProblem::message).toList());
        assertEquals(List.of(0, 1), problems.stream().map(CallProblem::item).toList());
    }

    @Test
    void broadRetryOn_problems_warns() {
        CallProblem p = call(Source.COMPILE_TIME).retryOn(List.of(ThrowableType.of(RuntimeException.class))).build()
                .problems(NAMES, null).get(0);
        assertEquals(CallRule.BROAD_RETRY_ON, p.rule());
        assertTrue(p.message().startsWith("@LlmRetry retryOn lists RuntimeException, which retries programming errors"));
    }

    @Test
    void noRetryYaml_problems_nameRulesSkipped() {
        assertEquals(List.of(), call(Source.COMPILE_TIME).failover(List.of("iag", "onapi")).retry("fats", null).build()
                .problems(null, null));
    }

    @Test
    void endpointParameters_parameterProblems_countAndPosition() {
        DeclaredCall none = call(Source.COMPILE_TIME).failover(List.of("iag", "oneapi")).endpointParameters(-1, 0).build();
        assertEquals(List.of("@Failover method ask declares no dev.llmretry.Endpoint parameter. Add one (callers pass "
                + "null; each attempt receives the chosen endpoint)."),
                none.parameterProblems().stream().map(CallProblem::message).toList());
        DeclaredCall onType = call(Source.COMPILE_TIME).failover(List.of("iag", "oneapi")).failoverOnType(true)
                .endpointParameters(0, 2).build();
        assertTrue(onType.parameterProblems().get(0).message().startsWith("@Failover on com.acme.Chat applies to its "
                + "public method ask, which declares 2 Endpoint parameters. Keep exactly one, or move @Failover"));
        DeclaredCall seventh = call(Source.COMPILE_TIME).endpointParameters(6, 1).build();
        assertEquals(List.of(CallRule.ENDPOINT_POSITION), seventh.parameterProblems().stream().map(CallProblem::rule).toList());
        assertTrue(seventh.parameterProblems().get(0).message().startsWith("The Endpoint parameter of com.acme.Chat#ask "
                + "is parameter 7"));
        assertEquals(List.of(), call(Source.LLM_CALL).failover(List.of("iag", "oneapi")).build().parameterProblems(),
                "a call's lambda gets the endpoint: no parameters to check");
    }

    @Test
    void settings_layers_defaultsPolicyAttributesMethodsEntry() {
        SettingsPatch attributes = SettingsPatch.retry("@LlmRetry on com.acme.Chat#ask", "").put("max-attempts", 4)
                .put("initial-backoff", "500ms").build();
        DeclaredCall call = call(Source.ANNOTATIONS).retry("", attributes).build();
        RetrySettings plain = call.retrySettings(CONFIG, null);
        assertEquals(4, plain.maxAttempts());
        assertEquals(Duration.ofSeconds(30), plain.maxBackoff(), "the default policy");
        RetrySettings entry = call.retrySettings(CONFIG, CONFIG.methodOverride("com.acme.Chat#ask").orElseThrow());
        assertEquals(Duration.ofSeconds(1), entry.maxBackoff(), "the methods: entry's policy 'fast'");
        assertNull(call(Source.ANNOTATIONS).build().retrySettings(CONFIG, null), "no retries asked for");
    }
}
