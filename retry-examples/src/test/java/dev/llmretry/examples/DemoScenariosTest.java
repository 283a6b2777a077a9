package dev.llmretry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole demo once in short mode (waits of a few milliseconds, plain output) against real loopback servers,
 * and checks that each scenario still shows what docs/demo.md says it shows, so the demo cannot rot.
 */
class DemoScenariosTest {
    private static final Timings T = Timings.fast();
    private static DemoResult result;
    private static String output;

    @BeforeAll
    static void runTheDemo() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result = new DemoRunner(new Console(out, false), T).run(Scenarios.all());
        }
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void flaky_fifteenPercent504s_everyQuestionAnsweredByIagAfterRetries() {
        ScenarioOutcome o = result.outcome("flaky");
        assertEquals(FlakyScenario.QUESTIONS, o.asked());
        assertEquals(FlakyScenario.QUESTIONS, o.answered());
        assertFalse(o.retryDelays().isEmpty(), "the seeded 15% must produce at least one 504");
        assertEquals(Map.of("iag", FlakyScenario.QUESTIONS + o.retryDelays().size(), "oneapi", 0, "litellm", 0),
                o.requests());
        assertEquals(List.of(), o.failovers());
    }

    @Test
    void outage_iagDown_retriesOpenCircuitFailsOverSkipsIagThenProbesAndRecovers() {
        ScenarioOutcome o = result.outcome("outage");
        assertEquals(5, o.answered());
        assertEquals(List.of(T.backoff(), T.backoff().multipliedBy(2)), o.retryDelays());
        assertEquals(List.of("iag->oneapi"), o.failovers());
        assertEquals(List.of("iag:open", "iag:half_open", "iag:closed"), o.circuitChanges());
        // 3 failures before the circuit opened, nothing while open, then the probe and one more call
        assertEquals(Map.of("iag", 5, "oneapi", 3, "litellm", 0), o.requests());
    }

    @Test
    void scenarioLine_countsInTheRightNumber() {
        assertTrue(output.contains("; 2 retries, 1 failover\n") || output.contains("; 2 retries, 1 failover\r\n"),
                output);
        assertTrue(output.contains("; 1 retry, 0 failovers"), output);
        assertFalse(output.contains(" 1 failovers") || output.contains(" 1 retries"), output);
    }

    @Test
    void quota_insufficientQuota_failsOverAtOnceWithoutRetry() {
        ScenarioOutcome o = result.outcome("quota");
        assertEquals(2, o.answered());
        assertEquals(List.of(), o.retryDelays());
        assertEquals(List.of("iag->oneapi", "iag->oneapi"), o.failovers());
        assertEquals(Map.of("iag", 2, "oneapi", 2, "litellm", 0), o.requests());
    }

    @Test
    void badRequest_400_failsAtOnceSentExactlyOnceNoFailover() {
        ScenarioOutcome o = result.outcome("bad-request");
        assertEquals(List.of("LlmHttpException"), o.failures());
        assertEquals(1, o.answered(), "the next question is answered by iag as usual");
        assertEquals(List.of(), o.retryDelays());
        assertEquals(List.of(), o.failovers());
        assertEquals(List.of(), o.exhausted());
        assertEquals(Map.of("iag", 2, "oneapi", 0, "litellm", 0), o.requests(), "one 400, one answer");
    }

    @Test
    void rateLimit_retryAfterLongerThanBackoff_waitIsTheRetryAfter() {
        ScenarioOutcome o = result.outcome("rate-limit");
        assertEquals(1, o.answered());
        assertEquals(List.of(T.retryAfter()), o.retryDelays());
        assertEquals(Map.of("iag", 2, "oneapi", 0, "litellm", 0), o.requests());
    }

    @Test
    void streamCut_dropBeforeFirstChunkRetried_cutMidAnswerSeenOnceAndReportedIncomplete() {
        ScenarioOutcome o = result.outcome("stream-cut");
        assertEquals(2, o.streamed().size());
        assertEquals(StreamCutScenario.ANSWER, o.streamed().get(0));
        // the server sends CUT_AFTER chunks, then cuts; java.net.http may drop the last ones it had not handed over
        String partial = o.streamed().get(1);
        assertTrue(!partial.isEmpty() && partial.length() < StreamCutScenario.ANSWER.length()
                && StreamCutScenario.ANSWER.startsWith(partial), "not a proper prefix of the answer: " + partial);
        assertEquals(1, o.streamsIncomplete());
        assertEquals(List.of("UncheckedIOException"), o.failures());
        assertEquals(1, o.retryDelays().size(), "only the drop before the first chunk is retried");
        assertEquals(Map.of("iag", 3, "oneapi", 0, "litellm", 0), o.requests());
        assertEquals(1, count(output, "A: " + partial + System.lineSeparator()), "the partial answer is shown once, never repeated");
    }

    @Test
    void langchain4j_aiServiceOverResilientChatModel_outageQuotaAndBadRequestAsForTheWovenService() {
        ScenarioOutcome o = result.outcome("langchain4j");
        assertEquals(4, o.asked());
        assertEquals(3, o.answered());
        assertEquals(List.of("InvalidRequestException"), o.failures(), "LangChain4j's own exception, at once");
        assertEquals(List.of(T.backoff(), T.backoff().multipliedBy(2)), o.retryDelays());
        assertEquals(List.of("iag->oneapi", "oneapi->litellm"), o.failovers());
        assertEquals(List.of("iag:open"), o.circuitChanges());
        // iag: 3 failures, then skipped; oneapi: 2 answers, the quota, the 400; litellm: the answer after the quota
        assertEquals(Map.of("iag", 3, "oneapi", 4, "litellm", 1), o.requests());
    }

    @Test
    void allDown_callsEndCritical_thenFailFastWithoutRequests() {
        ScenarioOutcome o = result.outcome("all-down");
        assertEquals(0, o.answered());
        assertEquals(List.of("LlmHttpException", "LlmHttpException", "EndpointsUnavailableException"), o.failures());
        assertEquals(List.of("attempts_exhausted", "no_endpoint_left", "all_circuits_open"), o.exhausted());
        assertEquals(Map.of("iag", 3, "oneapi", 3, "litellm", 3), o.requests(), "the fail-fast call sent nothing");
        assertEquals(3, count(result.healthJson(), "\"state\":\"circuit_open\""));
    }

    @Test
    void wholeRun_summaryAddsUpAndPlainOutputHasNoEscapeCodes() {
        assertEquals(result.outcomes().stream().mapToInt(o -> o.requests("iag")).sum(),
                result.totalRequests().get("iag"));
        assertEquals(31, result.asked());
        assertEquals(25, result.answered());
        assertFalse(output.contains("\u001b"), "plain output must not contain ANSI escapes");
        assertFalse(output.contains("\r"), "plain output must not redraw lines");
        for (String label : List.of("RETRY", "FAILOVER", "CIRCUIT", "RECOVERED", "CRITICAL", "STREAM", "Summary")) {
            assertTrue(output.contains(label), label + " missing from:\n" + output);
        }
        assertFalse(output.contains("sk-demo-"), "API keys are never printed");
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
