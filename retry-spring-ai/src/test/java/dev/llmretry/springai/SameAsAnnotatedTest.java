package dev.llmretry.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The seeds' scenario through ResilientChatModel and through an annotated method over the same two Spring AI models:
 * the same requests, waits, events (up to the call's name) and health, because both run one decision core.
 */
@LlmRetryTest
class SameAsAnnotatedTest {
    @RegisterExtension
    static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    enum Way { RESILIENT_CHAT_MODEL, ANNOTATED_METHOD }

    private final Map<String, ChatModel> models = Map.of(
            "iag", OpenAiModels.of(iag, "gpt-4o"), "oneapi", OpenAiModels.of(oneapi, "gpt-4o-mini"));
    final AnnotatedChat annotated = new AnnotatedChat(models);

    private String ask(Way way, String question) {
        if (way == Way.ANNOTATED_METHOD) return annotated.ask(question, null);
        ResilientChatModel chat = ResilientChatModel.builder().endpoint("iag", models.get("iag"))
                .endpoint("oneapi", models.get("oneapi")).retry("default").build();
        return chat.call(new Prompt(question)).getResult().getOutput().getText();
    }

    /** The events as text without call ids and names: both ways must give exactly this. */
    private static List<String> transcript(RecordedEvents events) {
        return events.all().stream().map(e -> {
            if (e instanceof RetryScheduled r) return "retry " + r.attempt() + "/" + r.maxAttempts() + " on "
                    + r.endpoint() + " " + r.decision() + " " + r.reason() + " in " + r.delay();
            if (e instanceof CircuitStateChanged c) return "circuit " + c.breaker() + " " + c.from() + "->" + c.to();
            if (e instanceof FailedOver f) return "failover " + f.from() + "->" + f.to() + " " + f.reason();
            if (e instanceof CallSucceeded c) return "success on " + c.endpoint() + " after " + c.attempts()
                    + (c.failedOver() ? ", failed over" : "");
            return e.getClass().getSimpleName();
        }).toList();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void seedsScenario_sameRequestsWaitsEventsAndHealth_eitherWay(Way way, VirtualClock clock, RecordedEvents events) {
        iag.enqueue(FakeResponse.status(504).times(3));

        assertEquals("Hello from oneapi! You said: q", ask(way, "q"));

        assertEquals(3, iag.requestCount());
        assertEquals(1, oneapi.requestCount());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertEquals(List.of(
                "retry 1/6 on iag RETRY server_error in PT1S",
                "retry 2/6 on iag RETRY server_error in PT2S",
                "circuit iag CLOSED->OPEN",
                "failover iag->oneapi circuit_open",
                "success on oneapi after 4, failed over"), transcript(events));
        assertEquals("{\"iag\":{\"state\":\"circuit_open\",\"success_rate\":0.00,\"consecutive_failures\":3,"
                + "\"total_requests\":3,\"last_error\":\"504 Gateway Timeout\",\"next_probe_at\":\"2026-01-01T00:02:03Z\"},"
                + "\"oneapi\":{\"state\":\"healthy\",\"success_rate\":1.00,\"consecutive_failures\":0,\"total_requests\":1},"
                + "\"litellm\":{\"state\":\"healthy\",\"success_rate\":1.00,\"consecutive_failures\":0,\"total_requests\":0}}",
                LlmResilience.health().toJson());
    }
}
