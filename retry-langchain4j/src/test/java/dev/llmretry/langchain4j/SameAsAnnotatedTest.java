package dev.llmretry.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seeds' scenario through a ResilientChatModel and through a woven {@code @LlmRetry @Failover} method calling the
 * same LangChain4j models: the same events (but for the call's name) and the same health, literally.
 */
@LlmRetryTest
class SameAsAnnotatedTest {
    @RegisterExtension static final FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension static final FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    enum Way { ANNOTATED, RESILIENT_CHAT_MODEL }

    private static String ask(Way way, String question) {
        ChatModel iagModel = Models.chat(iag);
        ChatModel oneapiModel = Models.chat(oneapi);
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(question)).build();
        if (way == Way.ANNOTATED) {
            return new AnnotatedChat(Map.of("iag", iagModel, "oneapi", oneapiModel)).chat(request, null).aiMessage().text();
        }
        ChatModel resilient = ResilientChatModel.builder().endpoint("iag", iagModel).endpoint("oneapi", oneapiModel)
                .retry("default").build();
        return resilient.chat(request).aiMessage().text();
    }

    /** The events as text without the call's name and id, which differ by design. */
    private static List<String> transcript(RecordedEvents events) {
        return events.all().stream().map(e -> {
            if (e instanceof RetryScheduled r) return "RetryScheduled[attempt=" + r.attempt() + "/" + r.maxAttempts()
                    + ", endpoint=" + r.endpoint() + ", " + r.decision() + " " + r.reason() + ", delay=" + r.delay()
                    + ", cause=" + r.causeSummary() + ", next=" + r.nextAttemptAt() + "]";
            if (e instanceof CircuitStateChanged c) return "CircuitStateChanged[" + c.breaker() + " " + c.from() + "->"
                    + c.to() + ", retryAt=" + c.retryAt() + "]";
            if (e instanceof FailedOver f) return "FailedOver[attempt=" + f.attempt() + ", " + f.from() + "->" + f.to()
                    + ", " + f.reason() + "]";
            if (e instanceof CallSucceeded s) return "CallSucceeded[" + s.endpoint() + ", attempts=" + s.attempts()
                    + ", failedOver=" + s.failedOver() + "]";
            return e.toString();
        }).toList();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void seedsScenario_sameEventsAndHealth_eitherWay(Way way, RecordedEvents events) {
        iag.enqueue(FakeResponse.status(504).times(3));

        assertTrue(ask(way, "first").contains("oneapi"));
        assertTrue(ask(way, "second").contains("oneapi"));

        String cause = "504 Gateway Timeout";
        assertEquals(List.of(
                "RetryScheduled[attempt=1/6, endpoint=iag, RETRY server_error, delay=PT1S, cause=" + cause
                        + ", next=2026-01-01T00:00:01Z]",
                "RetryScheduled[attempt=2/6, endpoint=iag, RETRY server_error, delay=PT2S, cause=" + cause
                        + ", next=2026-01-01T00:00:03Z]",
                "CircuitStateChanged[iag CLOSED->OPEN, retryAt=2026-01-01T00:02:03Z]",
                "FailedOver[attempt=3, iag->oneapi, circuit_open]",
                "CallSucceeded[oneapi, attempts=4, failedOver=true]",
                "CallSucceeded[oneapi, attempts=1, failedOver=false]"), transcript(events));
        assertEquals(List.of(3, 2), List.of(iag.requestCount(), oneapi.requestCount()));
        assertEquals("{\"iag\":{\"state\":\"circuit_open\",\"success_rate\":0.00,\"consecutive_failures\":3,"
                + "\"total_requests\":3,\"last_error\":\"" + cause + "\","
                + "\"next_probe_at\":\"2026-01-01T00:02:03Z\"},\"oneapi\":{\"state\":\"healthy\",\"success_rate\":1.00,"
                + "\"consecutive_failures\":0,\"total_requests\":2}}",
                LlmResilience.health().toJson().replaceAll(",\"litellm\":\\{[^}]*}", ""));
    }

    @org.junit.jupiter.api.Test
    void circuitOpenedThroughTheResilientModel_isOpenForTheAnnotatedMethodToo() {
        iag.enqueue(FakeResponse.status(504).times(3));
        ChatModel iagModel = Models.chat(iag);
        ChatModel oneapiModel = Models.chat(oneapi);
        ChatModel resilient = ResilientChatModel.builder().endpoint("iag", iagModel).endpoint("oneapi", oneapiModel)
                .retry("default").build();
        AnnotatedChat annotated = new AnnotatedChat(Map.of("iag", iagModel, "oneapi", oneapiModel));

        resilient.chat("first");
        String answer = annotated.chat(ChatRequest.builder().messages(UserMessage.from("second")).build(), null)
                .aiMessage().text();

        assertTrue(answer.contains("oneapi"), answer);
        assertEquals(3, iag.requestCount(), "the woven method skips iag: one circuit per endpoint, shared");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void streamCutBeforeTheFirstTokenThreeTimes_sameEventsAndHealth_eitherWay(Way way, RecordedEvents events,
                                                                              VirtualClock clock) {
        iag.enqueue(FakeResponse.ok("never seen").streamCutAfter(0).times(3));
        Models.Recording iagListener = new Models.Recording();
        Models.Recording oneapiListener = new Models.Recording();
        StreamingChatModel iagModel = Models.streaming(iag, iagListener);
        StreamingChatModel oneapiModel = Models.streaming(oneapi, oneapiListener);
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Tell me a story")).build();
        RecordingHandler handler = new RecordingHandler();

        if (way == Way.ANNOTATED) {
            new AnnotatedStream(Map.of("iag", iagModel, "oneapi", oneapiModel)).chat(request, handler);
        } else {
            ResilientStreamingChatModel.builder().endpoint("iag", iagModel).endpoint("oneapi", oneapiModel)
                    .retry("default").build().chat(request, handler);
        }
        handler.awaitEnd(clock, iagListener, oneapiListener);

        assertTrue(handler.text().contains("oneapi"), handler.text());
        // the JDK client reports a cut as "closed" or as "chunked transfer encoding ...", by timing: same decision
        String cause = "<the cut>";
        List<String> transcript = transcript(events).stream()
                .map(line -> line.replaceAll("cause=.*?, next=", "cause=" + cause + ", next=")).toList();
        assertEquals(List.of(
                "RetryScheduled[attempt=1/6, endpoint=iag, RETRY connection, delay=PT1S, cause=" + cause
                        + ", next=2026-01-01T00:00:01Z]",
                "RetryScheduled[attempt=2/6, endpoint=iag, RETRY connection, delay=PT2S, cause=" + cause
                        + ", next=2026-01-01T00:00:03Z]",
                "CircuitStateChanged[iag CLOSED->OPEN, retryAt=2026-01-01T00:02:03Z]",
                "FailedOver[attempt=3, iag->oneapi, circuit_open]",
                "CallSucceeded[oneapi, attempts=4, failedOver=true]"), transcript);
        assertEquals("{\"iag\":{\"state\":\"circuit_open\",\"success_rate\":0.00,\"consecutive_failures\":3,"
                + "\"total_requests\":3,\"last_error\":\"" + cause + "\",\"next_probe_at\":\"2026-01-01T00:02:03Z\"},"
                + "\"oneapi\":{\"state\":\"healthy\",\"success_rate\":1.00,\"consecutive_failures\":0,"
                + "\"total_requests\":1}}", LlmResilience.health().toJson().replaceAll(",\"litellm\":\\{[^}]*}", "")
                .replaceAll("\"last_error\":\"[^\"]*\"", "\"last_error\":\"" + cause + "\""));
    }
}
