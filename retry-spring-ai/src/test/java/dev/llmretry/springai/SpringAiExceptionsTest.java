package dev.llmretry.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import dev.llmretry.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Spring AI's TransientAiException/NonTransientAiException, as its RestClient-based providers throw them over real
 * HTTP, classified by the core's table (status and body read from the {@code "NNN - body"} message); with
 * {@link LlmErrorHandler} the headers travel too, so Retry-After is honoured.
 */
@LlmRetryTest
class SpringAiExceptionsTest {
    @RegisterExtension
    static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    private static ResilientChatModel chat(ResponseErrorHandler errors) {
        return ResilientChatModel.builder().endpoint("iag", new RestClientChatModel(iag, errors))
                .endpoint("oneapi", new RestClientChatModel(oneapi, errors)).retry("default").build();
    }

    private static String ask(ResilientChatModel chat) {
        return chat.call(new Prompt("q")).getResult().getOutput().getText();
    }

    @Test
    void springAiRetryMaxAttemptsZero_autoConfiguredRetryTemplate_sendsEachAttemptOnce(VirtualClock clock) {
        iag.enqueue(FakeResponse.status(503).times(2));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SpringAiRetryAutoConfiguration.class))
                .withPropertyValues("spring.ai.retry.max-attempts=0")
                .run(context -> {
                    RetryTemplate springAiRetries = context.getBean(RetryTemplate.class);
                    ResilientChatModel chat = ResilientChatModel.builder()
                            .endpoint("iag", new RestClientChatModel(iag, RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER,
                                    springAiRetries))
                            .retry("default").build();

                    assertEquals("Hello from iag! You said: q", ask(chat));

                    assertEquals(3, iag.requestCount(), "one request per llm-retry attempt");
                    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.waits());
                });
    }

    @Test
    void serviceUnavailable_transientAiException_retriedOnTheSameEndpoint(VirtualClock clock) {
        iag.enqueue(FakeResponse.status(503));

        assertEquals("Hello from iag! You said: q", ask(chat(RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER)));

        assertEquals(2, iag.requestCount());
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waits());
    }

    @Test
    void unauthorized_nonTransientAiException_failsOverWithoutRetry(VirtualClock clock, RecordedEvents events) {
        iag.enqueue(FakeResponse.status(401));

        assertEquals("Hello from oneapi! You said: q", ask(chat(RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER)));

        assertEquals(1, iag.requestCount());
        assertEquals(List.of(), clock.waits());
        assertEquals("unauthorized", events.failovers().get(0).reason());
    }

    @Test
    void quotaExhausted_nonTransientAiException_failsOverWithoutRetry(VirtualClock clock) {
        iag.enqueue(FakeResponse.quotaExhausted());

        assertEquals("Hello from oneapi! You said: q", ask(chat(RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER)));

        assertEquals(1, iag.requestCount());
        assertEquals(List.of(), clock.waits());
    }

    @Test
    void badRequest_nonTransientAiExceptionAtOnce_oneRequest() {
        iag.enqueue(FakeResponse.badRequest("messages must not be empty"));

        NonTransientAiException e = assertThrows(NonTransientAiException.class,
                () -> ask(chat(RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER)));

        assertTrue(e.getMessage().startsWith("400 - "), e.getMessage());
        assertEquals(1, iag.requestCount());
        assertEquals(0, oneapi.requestCount());
    }

    @Test
    void rateLimited_springAisHandler_dropsTheHeader_butTheBodysTryAgainSentenceGivesTheWait(VirtualClock clock) {
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(7)));

        assertEquals("Hello from iag! You said: q", ask(chat(RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER)));

        // no headers survive Spring AI's handler, but its message keeps OpenAI's body: "Please try again in 7s"
        assertEquals(List.of(Duration.ofSeconds(7)), clock.waits(), "read from the body's sentence, not the header");
    }

    @Test
    void rateLimited_llmErrorHandler_retryAfterHonoured(VirtualClock clock) {
        iag.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(7)));

        assertEquals("Hello from iag! You said: q", ask(chat(new LlmErrorHandler())));

        assertEquals(2, iag.requestCount());
        assertEquals(List.of(Duration.ofSeconds(7)), clock.waits());
    }

    @Test
    void badRequest_llmErrorHandler_throwsSpringAisOwnException_withTheResponseAsCause() {
        iag.enqueue(FakeResponse.badRequest("messages must not be empty"));

        NonTransientAiException e = assertThrows(NonTransientAiException.class, () -> ask(chat(new LlmErrorHandler())));

        assertTrue(e.getMessage().startsWith("HTTP status 400: "), e.getMessage());
        assertEquals(400, assertInstanceOf(dev.llmretry.LlmHttpException.class, e.getCause()).status());
        assertEquals(1, iag.requestCount());
    }
}
