package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.errors.BadRequestException;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Woven methods calling real clients (the JDK HttpClient and the official OpenAI SDK) against three real loopback
 * servers: rate limits are retried, exhausted quota fails over at once, a bad request fails at once.
 */
class RealHttpTest {
    @RegisterExtension final Fresh fresh = new Fresh();
    final HttpChatService service = new HttpChatService();
    FakeLlmServer iag, oneapi, litellm;

    @BeforeEach
    void startServers() {
        iag = FakeLlmServer.start("iag");
        oneapi = FakeLlmServer.start("oneapi");
        litellm = FakeLlmServer.start("litellm");
        fresh.useYaml("""
                endpoints:
                  iag:     { url: "%s", model: gpt-4o, api-key: "sk-real-iag-5550001" }
                  oneapi:  { url: "%s", model: gpt-4o-mini }
                  litellm: { url: "%s", model: llama3 }
                """.formatted(iag.baseUrl(), oneapi.baseUrl(), litellm.baseUrl()));
    }

    @AfterEach
    void stopServers() {
        iag.close();
        oneapi.close();
        litellm.close();
    }

    @Test
    void openAiSdk_rateLimited_retriedAfterRetryAfter_onTheSameEndpoint() {
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(3)));

        String answer = service.viaOpenAi("hello", null);

        assertTrue(answer.contains("iag"), answer);
        assertEquals(2, iag.requestCount());
        assertEquals(0, oneapi.requestCount());
        assertEquals(List.of(Duration.ofSeconds(3)), fresh.clock.waits(), "max(backoff 1s, Retry-After 3s)");
    }

    @Test
    void retryAfterAboveMaxRetryAfter_failsOverInsteadOfWaiting() {
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(120))); // max-retry-after is 60s by default

        String answer = service.viaOpenAi("hello", null);

        assertTrue(answer.contains("oneapi"), answer);
        assertEquals(List.of(), fresh.clock.waits());
        assertEquals("retry_after_too_long", fresh.events(dev.llmretry.event.FailedOver.class).get(0).reason());
    }

    private void useTenSecondDeadline() {
        fresh.useYaml("""
                retry:
                  default: { max-duration: 10s }
                endpoints:
                  iag:     { url: "%s", model: gpt-4o }
                  oneapi:  { url: "%s", model: gpt-4o-mini }
                  litellm: { url: "%s", model: llama3 }
                """.formatted(iag.baseUrl(), oneapi.baseUrl(), litellm.baseUrl()));
    }

    @Test
    void retryAfterBeyondTheRemainingDeadline_failsOverAtOnce() throws Exception {
        useTenSecondDeadline();
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(30)));

        String answer = service.viaOpenAi("hello", null);

        assertTrue(answer.contains("oneapi"), answer);
        assertEquals(List.of(), fresh.clock.waits(), "no wait that cannot end before the deadline");
        assertEquals(1, iag.requestCount());
        assertEquals("deadline", fresh.events(dev.llmretry.event.FailedOver.class).get(0).reason());
    }

    @Test
    void retryAfterBeyondTheRemainingDeadline_everywhere_endsTheCallAtOnce() {
        useTenSecondDeadline();
        for (var server : List.of(iag, oneapi, litellm)) server.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(30)));

        assertThrows(com.openai.errors.RateLimitException.class, () -> service.viaOpenAi("hello", null));

        assertEquals(List.of(), fresh.clock.waits(), "no wait that cannot end before the deadline");
        assertEquals(List.of(1, 1, 1), List.of(iag.requestCount(), oneapi.requestCount(), litellm.requestCount()));
        assertEquals(dev.llmretry.event.CallExhausted.Reason.DEADLINE, fresh.events(dev.llmretry.event.CallExhausted.class).get(0).why());
    }

    @Test
    void openAiSdk_quotaExhausted_failsOverAtOnce_withoutRetrying() {
        iag.enqueue(FakeResponse.quotaExhausted());

        String answer = service.viaOpenAi("hello", null);

        assertTrue(answer.contains("oneapi"), answer);
        assertEquals(1, iag.requestCount());
        assertEquals(List.of(), fresh.clock.waits());
    }

    @Test
    void openAiSdk_badRequest_failsAtOnce_noRetryNoFailover() {
        iag.enqueue(FakeResponse.badRequest("'messages' is required"));

        assertThrows(BadRequestException.class, () -> service.viaOpenAi("hello", null));

        assertEquals(1, iag.requestCount());
        assertEquals(0, oneapi.requestCount() + litellm.requestCount());
    }

    @Test
    void jdkClient_seedsOutage_threeGatewayTimeouts_circuitOpens_oneapiAnswers_iagSkippedAfterwards()
            throws Exception {
        iag.enqueue(FakeResponse.status(504).times(3));

        assertTrue(service.viaJdk("first", null).contains("oneapi"));
        assertTrue(service.viaJdk("second", null).contains("oneapi"));

        assertEquals(3, iag.requestCount());
        assertEquals(2, oneapi.requestCount());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), fresh.clock.waits());
        assertEquals(dev.llmretry.health.HealthState.CIRCUIT_OPEN, LlmResilience.health().endpoint("iag").state());
        assertEquals("Bearer sk-real-iag-5550001", iag.requests().get(0).header("Authorization"));
    }

    @Test
    void sseStreamCutMidAnswer_consumerSeesEachChunkOnce_failureReported_notRetried() throws Exception {
        // 100ms between chunks and before the cut: the JDK client may report a cut before handing over chunks it
        // had buffered, so the gap lets both chunks reach the consumer first
        iag.enqueue(FakeResponse.ok("alpha beta gamma delta").chunkInterval(Duration.ofMillis(100)).streamCutAfter(2));
        List<String> seen = new java.util.ArrayList<>();

        try (java.util.stream.Stream<String> chunks = service.streamViaJdk("q", null)) {
            assertThrows(java.io.UncheckedIOException.class, () -> chunks.forEach(seen::add));
        }

        assertEquals(List.of("alpha", " beta"), seen);
        assertEquals(1, iag.requestCount(), "a stream that delivered text is never replayed");
        assertEquals(0, oneapi.requestCount());
        List<dev.llmretry.event.StreamIncomplete> incomplete = fresh.events(dev.llmretry.event.StreamIncomplete.class);
        assertEquals(1, incomplete.size());
        assertEquals(2, incomplete.get(0).elementsDelivered());
    }

    @Test
    void sseStreamFailingBeforeItsFirstChunk_failsOver_andTheAnswerArrivesOnce() throws Exception {
        iag.enqueue(FakeResponse.quotaExhausted());

        List<String> seen;
        try (java.util.stream.Stream<String> chunks = service.streamViaJdk("q", null)) {
            seen = chunks.toList();
        }

        assertTrue(String.join("", seen).contains("oneapi"), seen.toString());
        assertEquals(1, iag.requestCount());
        assertEquals(1, oneapi.requestCount());
    }

    @Test
    void jdkClient_droppedConnection_isRetried() throws Exception {
        iag.enqueue(FakeResponse.dropConnection());

        assertTrue(service.viaJdk("q", null).contains("iag"));
        assertEquals(2, iag.requestCount());
    }

    @Test
    void jdkClient_badRequest_reachesCallerAsLlmHttpException() {
        iag.enqueue(FakeResponse.contextLengthExceeded());

        LlmHttpException e = assertThrows(LlmHttpException.class, () -> service.viaJdk("q", null));

        assertEquals(400, e.status());
        assertEquals("context_length_exceeded", e.errorCode());
        assertEquals(1, iag.requestCount() + oneapi.requestCount() + litellm.requestCount());
    }
}
