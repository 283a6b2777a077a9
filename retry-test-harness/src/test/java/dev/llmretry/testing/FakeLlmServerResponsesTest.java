package dev.llmretry.testing;

import static dev.llmretry.testing.TestClient.chat;
import static dev.llmretry.testing.TestClient.content;
import static dev.llmretry.testing.TestClient.error;
import static dev.llmretry.testing.TestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeLlmServerResponsesTest {

    private static FakeLlmServer server;

    @BeforeAll
    static void startServer() {
        server = FakeLlmServer.start("iag");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
    }

    @Test
    void nothingScripted_chatRequest_answersDefaultCompletionNamingServerAndMessage() throws Exception {
        HttpResponse<String> response = chat(server, "What is the capital of France?");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        Map<?, ?> body = json(response.body());
        assertEquals("chat.completion", body.get("object"));
        assertEquals("gpt-4o", body.get("model"));
        assertEquals("chatcmpl-iag-1", body.get("id"));
        Map<?, ?> choice = (Map<?, ?>) ((List<?>) body.get("choices")).get(0);
        assertEquals("stop", choice.get("finish_reason"));
        assertEquals("assistant", ((Map<?, ?>) choice.get("message")).get("role"));
        assertEquals("Hello from iag! You said: What is the capital of France?", content(response));
        Map<?, ?> usage = (Map<?, ?>) body.get("usage");
        assertEquals(((BigDecimal) usage.get("prompt_tokens")).add((BigDecimal) usage.get("completion_tokens")),
                usage.get("total_tokens"));
    }

    @Test
    void threeGatewayTimeoutsThenOk_fourRequests_answeredInScriptOrderThenDefault() throws Exception {
        server.enqueue(FakeResponse.status(504).times(3)).enqueue(FakeResponse.ok("Paris"));

        assertEquals(List.of(504, 504, 504, 200), List.of(chat(server, "q").statusCode(), chat(server, "q").statusCode(),
                chat(server, "q").statusCode(), chat(server, "q").statusCode()));
        assertEquals("Hello from iag! You said: again", content(chat(server, "again")));
        assertEquals(0, server.pendingResponses());
    }

    @Test
    void lastScriptedAnswer_served_isTheScriptedContent() throws Exception {
        server.enqueue(FakeResponse.status(504), FakeResponse.ok("Paris"));
        chat(server, "first");

        assertEquals("Paris", content(chat(server, "second")));
    }

    @Test
    void gatewayTimeout_served_hasOpenAiServerErrorBody() throws Exception {
        server.enqueue(FakeResponse.status(504));

        HttpResponse<String> response = chat(server, "q");

        assertEquals(504, response.statusCode());
        assertEquals("server_error", error(response).get("type"));
    }

    @Test
    void overloaded529_served_hasAnthropicOverloadedBody() throws Exception {
        server.enqueue(FakeResponse.status(529));

        HttpResponse<String> response = chat(server, "q");

        assertEquals(529, response.statusCode());
        assertEquals("overloaded_error", ((Map<?, ?>) json(response.body()).get("error")).get("type"));
    }

    @Test
    void rateLimited_served_hasRetryAfterSecondsRoundedUpAndMillis() throws Exception {
        server.enqueue(FakeResponse.rateLimited(Duration.ofMillis(1500)));

        HttpResponse<String> response = chat(server, "q");

        assertEquals(429, response.statusCode());
        assertEquals("2", response.headers().firstValue("retry-after").orElseThrow());
        assertEquals("1500", response.headers().firstValue("retry-after-ms").orElseThrow());
        assertEquals("rate_limit_exceeded", error(response).get("code"));
    }

    @Test
    void quotaExhausted_served_hasInsufficientQuotaTypeAndCode() throws Exception {
        server.enqueue(FakeResponse.quotaExhausted());

        HttpResponse<String> response = chat(server, "q");

        assertEquals(429, response.statusCode());
        Map<?, ?> error = error(response);
        assertTrue(((String) error.get("message")).startsWith("You exceeded your current quota"));
        assertEquals("insufficient_quota", error.get("type"));
        assertEquals("insufficient_quota", error.get("code"));
        assertTrue(error.containsKey("param"));
        assertNull(error.get("param"));
    }

    @Test
    void contextLengthAndBadRequest_served_are400InvalidRequestErrors() throws Exception {
        server.enqueue(FakeResponse.contextLengthExceeded(), FakeResponse.badRequest("temperature must be <= 2"));

        HttpResponse<String> tooLong = chat(server, "q");
        HttpResponse<String> bad = chat(server, "q");

        assertEquals(400, tooLong.statusCode());
        assertEquals("context_length_exceeded", error(tooLong).get("code"));
        assertEquals(400, bad.statusCode());
        assertEquals("invalid_request_error", error(bad).get("type"));
        assertEquals("temperature must be <= 2", error(bad).get("message"));
    }

    @Test
    void customHeaderAndRawBody_served_verbatim() throws Exception {
        String anthropicStyle = "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}";
        server.enqueue(FakeResponse.status(500).header("x-should-retry", "true").body(anthropicStyle));

        HttpResponse<String> response = chat(server, "q");

        assertEquals(500, response.statusCode());
        assertEquals("true", response.headers().firstValue("x-should-retry").orElseThrow());
        assertEquals(anthropicStyle, response.body());
    }

    @Test
    void contentWithQuotesNewlinesAndUnicode_served_arrivesIntact() throws Exception {
        String tricky = "She said \"hi\"\\n\n\ttab, \u0001 ctrl, caf\u00e9, \u2713, \ud83d\ude00 </script>";
        server.enqueue(FakeResponse.ok(tricky));

        assertEquals(tricky, content(chat(server, "q")));
        assertEquals("Hello from iag! You said: " + tricky, content(chat(server, tricky)));
    }

    @Test
    void dropConnection_served_clientGetsIOException() {
        server.enqueue(FakeResponse.dropConnection());

        assertThrows(IOException.class, () -> chat(server, "q"));
        assertEquals(1, server.requestCount());
    }

    @Test
    void latencyLongerThanClientTimeout_served_clientTimesOutAndServerStillServesNext() throws Exception {
        server.enqueue(FakeResponse.ok("late").latency(Duration.ofMillis(300)));
        HttpRequest impatient = TestClient.chatRequest(server, TestClient.chatBody("q", false))
                .timeout(Duration.ofMillis(50)).build();

        assertThrows(HttpTimeoutException.class,
                () -> TestClient.CLIENT.send(impatient, HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, chat(server, "next").statusCode());
    }

    @Test
    void alwaysUnavailable_manyRequests_allAnswered503UntilReset() throws Exception {
        server.always(FakeResponse.status(503));

        for (int i = 0; i < 5; i++) {
            assertEquals(503, chat(server, "q").statusCode());
        }
        server.reset();
        assertEquals(200, chat(server, "q").statusCode());
    }

    @Test
    void failWithProbability_sameSeedTwice_givesSameStatusSequence() throws Exception {
        server.failWithProbability(0.3, 42L, FakeResponse.status(504));
        List<Integer> first = statuses(40);
        server.reset();
        server.failWithProbability(0.3, 42L, FakeResponse.status(504));
        List<Integer> second = statuses(40);

        assertEquals(first, second);
        assertTrue(first.contains(504) && first.contains(200), "a 30% failure rate over 40 calls mixes both: " + first);
    }

    @Test
    void conditionalEntry_nonMatchingRequest_passesItByAndGetsDefault() throws Exception {
        server.enqueueWhen(request -> request.lastUserMessage().contains("France"), FakeResponse.ok("Paris"));

        assertEquals("Hello from iag! You said: Spain?", content(chat(server, "Spain?")));
        assertEquals("Paris", content(chat(server, "France?")));
    }

    @Test
    void unknownPath_request_is404WithOpenAiError() throws Exception {
        HttpResponse<String> response = TestClient.get(server.baseUrl() + "/embeddingz");

        assertEquals(404, response.statusCode());
        assertEquals("invalid_request_error", error(response).get("type"));
        assertEquals("/v1/embeddingz", server.lastRequest().path());
    }

    @Test
    void getOnChatPath_request_is405AndConsumesNoScript() throws Exception {
        server.enqueue(FakeResponse.ok("kept"));

        HttpResponse<String> response = TestClient.get(server.chatUrl());

        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("allow").orElseThrow());
        assertEquals(1, server.pendingResponses());
    }

    @Test
    void modelsList_get_listsOneModelOwnedByServer() throws Exception {
        Map<?, ?> body = json(TestClient.get(server.baseUrl() + "/models").body());

        assertEquals("list", body.get("object"));
        assertEquals("iag", ((Map<?, ?>) ((List<?>) body.get("data")).get(0)).get("owned_by"));
    }

    @Test
    void malformedJson_nothingScripted_is400() throws Exception {
        HttpResponse<String> response = TestClient.CLIENT.send(
                TestClient.chatRequest(server, "{not json").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertEquals("invalid_request_error", error(response).get("type"));
    }

    @Test
    void invalidScript_built_failsFastWithReason() {
        assertThrows(IllegalArgumentException.class, () -> FakeResponse.status(42));
        assertThrows(IllegalArgumentException.class, () -> FakeResponse.status(503).times(0));
        assertThrows(IllegalArgumentException.class, () -> FakeResponse.ok("x").header("Content-Length", "3"));
        assertThrows(IllegalStateException.class, () -> FakeResponse.status(504).streamCutAfter(1));
        assertThrows(IllegalArgumentException.class, () -> server.failWithProbability(1.5, 1, FakeResponse.status(500)));
    }

    @Test
    void recordedRequests_afterChats_keepMethodPathHeadersBodyAndOrder() throws Exception {
        HttpRequest request = TestClient.chatRequest(server, TestClient.chatBody("first", false))
                .header("X-Trace", "abc").build();
        TestClient.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        TestClient.stream(server, "second");

        List<RecordedRequest> requests = server.requests();
        assertEquals(2, server.requestCount());
        RecordedRequest first = requests.get(0);
        assertEquals(1, first.sequence());
        assertEquals("POST", first.method());
        assertEquals("/v1/chat/completions", first.path());
        assertEquals("Bearer sk-test", first.header("AUTHORIZATION"));
        assertEquals(List.of("abc"), first.headers().get("x-trace"));
        assertEquals(TestClient.chatBody("first", false), first.body());
        assertEquals("gpt-4o", first.model());
        assertEquals("first", first.lastUserMessage());
        assertEquals(false, first.stream());
        assertEquals(2, server.lastRequest().sequence());
        assertEquals(true, server.lastRequest().stream());
    }

    @Test
    void noRequestYet_lastRequest_failsWithServerName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, server::lastRequest);
        assertTrue(e.getMessage().contains("'iag'"), e.getMessage());
    }

    private static List<Integer> statuses(int count) throws Exception {
        Integer[] statuses = new Integer[count];
        for (int i = 0; i < count; i++) {
            statuses[i] = chat(server, "q" + i).statusCode();
        }
        return List.of(statuses);
    }
}
