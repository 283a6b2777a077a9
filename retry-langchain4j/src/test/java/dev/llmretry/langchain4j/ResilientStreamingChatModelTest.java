package dev.llmretry.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.llmretry.event.StreamIncomplete;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ResilientStreamingChatModel over the real LangChain4j OpenAiStreamingChatModel (SSE from FakeLlmServers): retried
 * and failed over until the first partial response, never replayed after it.
 */
@LlmRetryTest
@Timeout(60)
class ResilientStreamingChatModelTest {
    @RegisterExtension static final FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension static final FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    private final Models.Recording iagListener = new Models.Recording();
    private final Models.Recording oneapiListener = new Models.Recording();

    private StreamingChatModel resilient() {
        return ResilientStreamingChatModel.builder()
                .endpoint("iag", Models.streaming(iag, iagListener))
                .endpoint("oneapi", Models.streaming(oneapi, oneapiListener))
                .retry("default")
                .build();
    }

    private RecordingHandler stream(StreamingChatModel model, VirtualClock clock) {
        return stream(model, clock, new RecordingHandler());
    }

    private RecordingHandler stream(StreamingChatModel model, VirtualClock clock, RecordingHandler handler) {
        model.chat("Tell me a story", handler);
        return handler.awaitEnd(clock, iagListener, oneapiListener);
    }

    @Test
    void streamCutBeforeTheFirstToken_retriedThenFailedOver_theAnswerArrivesOnce(VirtualClock clock) {
        iag.enqueue(FakeResponse.ok("never seen").streamCutAfter(0).times(3));

        RecordingHandler handler = stream(resilient(), clock);

        assertEquals(List.of(), handler.errors);
        assertEquals(1, handler.completions.size());
        assertTrue(handler.text().contains("oneapi"), handler.text());
        assertEquals(handler.text(), handler.completions.get(0).aiMessage().text(), "each token once");
        assertEquals(3, iag.requestCount());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertEquals(List.of("request", "request", "request"),
                iagListener.seen.stream().filter(s -> s.equals("request")).toList(), iagListener.seen.toString());
        assertEquals(3, iagListener.seen.stream().filter(s -> s.startsWith("error:")).count(), iagListener.seen.toString());
    }

    @Test
    void streamCutAfterTwoTokens_reportedOnceToOnError_neverReplayed(VirtualClock clock, RecordedEvents events) {
        iag.enqueue(FakeResponse.ok("alpha beta gamma delta").chunkInterval(Duration.ofMillis(100)).streamCutAfter(2));

        RecordingHandler handler = stream(resilient(), clock);

        assertEquals(List.of("alpha", " beta"), handler.partials);
        assertEquals(1, handler.errors.size(), handler.errors.toString());
        assertEquals(List.of(), handler.completions);
        assertEquals(0, clock.pendingTasks(), "no retry is scheduled");
        assertEquals(1, iag.requestCount(), "a stream that delivered text is never replayed");
        assertEquals(0, oneapi.requestCount());
        List<StreamIncomplete> incomplete = events.incompleteStreams();
        assertEquals(1, incomplete.size());
        assertEquals(2, incomplete.get(0).elementsDelivered());
    }

    @Test
    void rateLimitedBeforeTheFirstToken_waitsWhatTheServerAsked(VirtualClock clock) {
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(3)));

        RecordingHandler handler = stream(resilient(), clock);

        assertTrue(handler.text().contains("iag"), handler.text());
        assertEquals(2, iag.requestCount());
        assertEquals(List.of(Duration.ofSeconds(3)), clock.waits());
    }

    @Test
    void errorEventBeforeTheFirstToken_retriedOnTheSameEndpoint(VirtualClock clock) {
        iag.enqueue(FakeResponse.ok("never seen").streamErrorAfter(0)); // data: {"error": {"type": "server_error"...

        RecordingHandler handler = stream(resilient(), clock);

        assertEquals(List.of(), handler.errors);
        assertTrue(handler.text().contains("iag"), handler.text());
        assertEquals(2, iag.requestCount());
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waits());
    }

    @Test
    void errorEventAfterTwoTokens_reachesOnErrorOnce_insteadOfACompleteResponse(VirtualClock clock) {
        iag.enqueue(FakeResponse.ok("alpha beta gamma").streamErrorAfter(2));

        RecordingHandler handler = stream(resilient(), clock);

        assertEquals(List.of("alpha", " beta"), handler.partials);
        assertEquals(List.of(), handler.completions, "LangChain4j alone would call the cut answer complete");
        assertEquals(1, handler.errors.size());
        assertInstanceOf(LangChain4jException.class, handler.errors.get(0));
        assertTrue(handler.errors.get(0).getMessage().contains("server_error"), handler.errors.get(0).getMessage());
        assertEquals(1, iag.requestCount());
        assertEquals(0, oneapi.requestCount());
    }

    @Test
    void quotaExhausted_failsOverAtOnce_withoutRetrying(VirtualClock clock) {
        iag.enqueue(FakeResponse.quotaExhausted());

        RecordingHandler handler = stream(resilient(), clock);

        assertTrue(handler.text().contains("oneapi"), handler.text());
        assertEquals(1, iag.requestCount());
        assertEquals(List.of(), clock.waits());
    }

    @Test
    void badRequest_reachesOnErrorAsLangChain4jsOwnException_afterOneRequest(VirtualClock clock) {
        iag.enqueue(FakeResponse.badRequest("'messages' must not be empty"));

        RecordingHandler handler = stream(resilient(), clock);

        assertEquals(1, handler.errors.size());
        assertInstanceOf(InvalidRequestException.class, handler.errors.get(0));
        assertEquals(1, iag.requestCount() + oneapi.requestCount());
    }

    @Test
    void handlerThrowingOnAToken_getsItsExceptionInOnErrorOnce_andTheStreamStops(VirtualClock clock) {
        iag.enqueue(FakeResponse.ok("alpha beta gamma delta").chunkInterval(Duration.ofMillis(20)));
        IllegalStateException boom = new IllegalStateException("the UI is gone");
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void onPartialResponse(String text) {
                super.onPartialResponse(text);
                throw boom;
            }
        };

        stream(resilient(), clock, handler);

        assertEquals(List.of("alpha"), handler.partials);
        assertEquals(List.of(boom), handler.errors);
        assertEquals(List.of(), handler.completions);
        assertEquals(1, iag.requestCount());
    }

    interface Storyteller {
        TokenStream tell(String topic);
    }

    @Test
    void streamingAiService_onTheResilientModel_getsTheAnswerFromTheSecondEndpoint(VirtualClock clock) {
        iag.enqueue(FakeResponse.quotaExhausted());
        Storyteller storyteller = AiServices.builder(Storyteller.class)
                .streamingChatModel(resilient()).build();
        RecordingHandler handler = new RecordingHandler();

        storyteller.tell("a dragon").onPartialResponse(handler::onPartialResponse)
                .onCompleteResponse(handler::onCompleteResponse).onError(handler::onError).start();
        handler.awaitEnd(clock, iagListener, oneapiListener);

        assertEquals(List.of(), handler.errors);
        assertTrue(handler.text().contains("oneapi"), handler.text());
        assertTrue(oneapi.lastRequest().body().contains("a dragon"), oneapi.lastRequest().body());
    }
}
