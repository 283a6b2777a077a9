package dev.llmretry.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;

/** ResilientChatModel#call over Spring AI's real OpenAI model against two FakeLlmServers. */
@LlmRetryTest
class ResilientChatModelTest {
    @RegisterExtension
    static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    VirtualClock clock;
    RecordedEvents events;
    OpenAiChatModel iagModel;
    ResilientChatModel chat;

    @BeforeEach
    void models(VirtualClock clock, RecordedEvents events) {
        this.clock = clock;
        this.events = events;
        iagModel = OpenAiModels.of(iag, "gpt-4o");
        chat = ResilientChatModel.builder().endpoint("iag", iagModel)
                .endpoint("oneapi", OpenAiModels.of(oneapi, "gpt-4o-mini")).retry("default").build();
    }

    private String ask(String question) {
        return chat.call(new Prompt(question)).getResult().getOutput().getText();
    }

    @Test
    void threeGatewayTimeouts_circuitOpens_failsOverToOneapi() {
        iag.enqueue(FakeResponse.status(504).times(3));

        assertEquals("Hello from oneapi! You said: q", ask("q"));

        assertEquals(3, iag.requestCount());
        assertEquals(1, oneapi.requestCount());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
        assertEquals(List.of("iag", "iag", "iag", "oneapi"), events.attemptedEndpoints());
    }

    @Test
    void quotaExhausted_failsOverWithoutRetry() {
        iag.enqueue(FakeResponse.quotaExhausted());

        assertEquals("Hello from oneapi! You said: q", ask("q"));

        assertEquals(1, iag.requestCount());
        assertEquals(List.of(), clock.waits());
    }

    @Test
    void badRequest_springAisOwnExceptionAtOnce_oneRequest() {
        iag.enqueue(FakeResponse.badRequest("messages must not be empty"));
        RuntimeException direct = assertThrows(RuntimeException.class, () -> iagModel.call(new Prompt("q")));
        iag.reset();
        iag.enqueue(FakeResponse.badRequest("messages must not be empty"));

        RuntimeException e = assertThrows(RuntimeException.class, () -> ask("q"));

        assertEquals(direct.getClass(), e.getClass(), () -> "got " + e);
        assertEquals(1, iag.requestCount());
        assertEquals(0, oneapi.requestCount());
        assertEquals(List.of(), clock.waits());
        System.out.println("400 surfaces as " + e.getClass().getName() + " cause " + e.getCause());
    }

    @Test
    void rateLimitedWithRetryAfter_waitsThatLong_thenRetriesTheSameEndpoint() {
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(7)));

        assertEquals("Hello from iag! You said: q", ask("q"));

        assertEquals(2, iag.requestCount());
        assertEquals(List.of(Duration.ofSeconds(7)), clock.waits());
    }
}
