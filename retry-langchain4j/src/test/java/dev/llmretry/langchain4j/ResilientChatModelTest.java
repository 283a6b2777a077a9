package dev.llmretry.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.llmretry.EndpointsUnavailableException;
import dev.llmretry.LlmResilience;
import dev.llmretry.event.CallSucceeded;
import dev.llmretry.event.CircuitStateChanged;
import dev.llmretry.event.FailedOver;
import dev.llmretry.event.RetryScheduled;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ResilientChatModel over the real LangChain4j OpenAiChatModel, each endpoint a FakeLlmServer on 127.0.0.1. */
@LlmRetryTest
class ResilientChatModelTest {
    @RegisterExtension static final FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension static final FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    private static ChatModel resilient(Models.Recording iagListener, Models.Recording oneapiListener) {
        return ResilientChatModel.builder()
                .endpoint("iag", Models.chat(iag, iagListener))
                .endpoint("oneapi", Models.chat(oneapi, oneapiListener))
                .retry("default")
                .build();
    }

    private static ChatModel resilient() {
        return resilient(new Models.Recording(), new Models.Recording());
    }

    @Test
    void threeGatewayTimeouts_circuitOpens_failsOverToOneapi(RecordedEvents events, VirtualClock clock) {
        iag.enqueue(FakeResponse.status(504).times(3));
        ChatModel model = resilient();

        String answer = model.chat("Hello");

        assertTrue(answer.contains("oneapi"), answer);
        assertEquals(3, iag.requestCount());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertEquals(List.of("iag", "iag", "iag", "oneapi"), events.attemptedEndpoints());
        assertEquals(List.of(RetryScheduled.class, RetryScheduled.class, CircuitStateChanged.class, FailedOver.class,
                CallSucceeded.class), events.all().stream().filter(e -> !e.getClass().getSimpleName().equals("CallStarted"))
                .map(Object::getClass).toList());
        assertEquals(4, events.successes().get(0).attempts());
        assertEquals(dev.llmretry.health.HealthState.CIRCUIT_OPEN, LlmResilience.health().endpoint("iag").state());

        assertTrue(model.chat("Again").contains("oneapi"));
        assertEquals(3, iag.requestCount(), "an open circuit is skipped without a request");
    }

    @Test
    void quotaExhausted_failsOverAtOnce_withoutRetrying(VirtualClock clock) {
        iag.enqueue(FakeResponse.quotaExhausted());

        String answer = resilient().chat("Hello");

        assertTrue(answer.contains("oneapi"), answer);
        assertEquals(1, iag.requestCount());
        assertEquals(List.of(), clock.waits());
    }

    @Test
    void badRequest_throwsLangChain4jsOwnException_afterOneRequest(VirtualClock clock) {
        iag.enqueue(FakeResponse.badRequest("'messages' must not be empty"));
        ChatModel model = resilient();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> model.chat("Hello"));

        assertTrue(e.getMessage().contains("'messages' must not be empty"), e.getMessage());
        assertEquals(1, iag.requestCount() + oneapi.requestCount());
        assertEquals(List.of(), clock.waits());
    }

    @Test
    void rateLimitedWithRetryAfter_waitsWhatTheServerAsked_thenRetriesTheSameEndpoint(VirtualClock clock) {
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(3)));

        String answer = resilient().chat("Hello");

        assertTrue(answer.contains("iag"), answer);
        assertEquals(2, iag.requestCount());
        assertEquals(0, oneapi.requestCount());
        assertEquals(List.of(Duration.ofSeconds(3)), clock.waits(), "max(backoff 1s, the 3s the body asks for)");
    }

    @Test
    void retryAfterHeaderAlone_isNotVisibleThroughLangChain4j_theBackoffApplies(VirtualClock clock) {
        // LangChain4j's HttpException keeps status and body, not headers (docs/langchain4j.md, "Retry-After")
        iag.enqueue(FakeResponse.status(429).header("Retry-After", "5"));

        String answer = resilient().chat("Hello");

        assertTrue(answer.contains("iag"), answer);
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waits());
    }

    @Test
    void wrappedModelsListeners_seeEveryAttempt() {
        iag.enqueue(FakeResponse.status(503).times(3));
        Models.Recording iagListener = new Models.Recording();
        Models.Recording oneapiListener = new Models.Recording();

        resilient(iagListener, oneapiListener).chat("Hello");

        assertEquals(List.of("request", "error:InternalServerException", "request", "error:InternalServerException",
                "request", "error:InternalServerException"), iagListener.seen);
        assertEquals(List.of("request", "response"), oneapiListener.seen);
    }

    interface Assistant {
        String answer(String question);
    }

    @Test
    void aiServiceOnTheResilientModel_survivesAnOutageOfTheFirstEndpoint() {
        iag.always(FakeResponse.status(503));
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(resilient()).build();

        String first = assistant.answer("What is the capital of France?");
        String second = assistant.answer("And of Italy?");

        assertTrue(first.contains("oneapi"), first);
        assertTrue(second.contains("oneapi"), second);
        assertEquals(3, iag.requestCount(), "three failures open iag's circuit; the second question skips it");
        assertTrue(oneapi.lastRequest().body().contains("And of Italy?"), oneapi.lastRequest().body());
    }

    @Test
    void everyEndpointDown_lastFailureIsLangChain4jsException_thenOnlyLastResortProbesReachTheServers() {
        iag.always(FakeResponse.status(503));
        oneapi.always(FakeResponse.status(503));
        ChatModel model = resilient();

        RuntimeException first = assertThrows(RuntimeException.class, () -> model.chat("Hello"));
        assertInstanceOf(dev.langchain4j.exception.InternalServerException.class, first);
        assertEquals(List.of(3, 3), List.of(iag.requestCount(), oneapi.requestCount()));

        RuntimeException last = null;
        for (int i = 0; i < 4; i++) last = assertThrows(RuntimeException.class, () -> model.chat("Hello"));
        assertInstanceOf(EndpointsUnavailableException.class, last);
        assertTrue(iag.requestCount() + oneapi.requestCount() <= 8, "at most one probe per endpoint in the same instant");
    }

    @Test
    void methodsEntryForTheCallsName_overridesItsPolicy_withoutRebuildingTheModel(VirtualClock clock) {
        ChatModel model = ResilientChatModel.builder().name("acme.assistant")
                .endpoint("iag", Models.chat(iag)).endpoint("oneapi", Models.chat(oneapi)).retry("default").build();
        LlmResilience.useConfig("ops retry.yaml", """
                endpoints:
                  iag:    { url: "http://iag.test/v1" }
                  oneapi: { url: "http://oneapi.test/v1" }
                methods:
                  "acme.assistant":
                    retry: { max-attempts: 2, jitter: none }
                """);
        iag.always(FakeResponse.status(503));

        assertThrows(dev.langchain4j.exception.InternalServerException.class, () -> model.chat("Hello"));

        assertEquals(2, iag.requestCount(), "max-attempts 2 from the methods: entry, not the policy's 6");
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waits());
    }
}
