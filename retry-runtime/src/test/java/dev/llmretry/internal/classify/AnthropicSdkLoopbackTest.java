package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.internal.classify.Fixtures.anthropicError;
import static dev.llmretry.internal.classify.Fixtures.classify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnexpectedStatusCodeException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Anthropic Java SDK (OkHttp client, no SDK retries) against a loopback server. */
class AnthropicSdkLoopbackTest {
    private static final MessageCreateParams PARAMS = MessageCreateParams.builder()
            .model("claude-sonnet-4-5").maxTokens(16).addUserMessage("Hello").build();

    private LoopbackServer server;
    private AnthropicClient client;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.start();
        client = client(server.url(""));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private static AnthropicClient client(String baseUrl) {
        return AnthropicOkHttpClient.builder().apiKey("sk-ant-test-not-a-key").baseUrl(baseUrl).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    private Throwable createFails() {
        return assertThrows(RuntimeException.class, () -> client.messages().create(PARAMS));
    }

    @Test
    void overloaded529_realSdk_retryOverloaded() {
        server.reply(529, anthropicError("overloaded_error", "Overloaded"));

        Throwable e = createFails();

        assertInstanceOf(InternalServerException.class, e);
        assertEquals(Classification.of(Decision.RETRY, "overloaded").withStatus(529), classify(e));
        assertEquals(1, server.requestCount(), "maxRetries(0): the SDK must not retry on its own");
    }

    @Test
    void rateLimit429WithResetHeaders_realSdk_retryWaitsForTheExhaustedLimit() {
        server.reply(429, anthropicError("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
                "anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", Fixtures.NOW.plusSeconds(30).toString(),
                "anthropic-ratelimit-tokens-remaining", "1000",
                "anthropic-ratelimit-tokens-reset", Fixtures.NOW.plusSeconds(50).toString());

        Throwable e = createFails();

        assertInstanceOf(RateLimitException.class, e);
        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429)
                .withRetryAfter(Duration.ofSeconds(30)), classify(e));
    }

    @Test
    void spendLimit429_realSdk_failoverQuotaExhausted() {
        server.reply(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"spend limit reached\","
                + "\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}");

        assertEquals(Classification.of(Decision.FAILOVER, "quota_exhausted").withStatus(429), classify(createFails()));
    }

    @Test
    void promptTooLong400_realSdk_abortContextLength() {
        server.reply(400, anthropicError("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"));

        Throwable e = createFails();

        assertInstanceOf(BadRequestException.class, e);
        assertEquals(Classification.of(Decision.ABORT, "context_length").withStatus(400), classify(e));
    }

    @Test
    void billing402_realSdk_failoverPaymentRequired() {
        server.reply(402, anthropicError("billing_error", "Your account has a billing issue"));

        Throwable e = createFails();

        assertInstanceOf(UnexpectedStatusCodeException.class, e);
        assertEquals(Classification.of(Decision.FAILOVER, "payment_required").withStatus(402), classify(e));
    }

    @Test
    void requestTooLarge413_realSdk_abortPayloadTooLarge() {
        server.reply(413, anthropicError("request_too_large", "Request exceeds the maximum allowed number of bytes."));

        assertEquals(Classification.of(Decision.ABORT, "payload_too_large").withStatus(413), classify(createFails()));
    }

    @Test
    void overloadedErrorEventInsideA200Stream_realSdk_retryOverloadedWithStatus200() {
        server.stream(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n",
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");

        Throwable e = assertThrows(RuntimeException.class, () -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(PARAMS)) {
                stream.stream().forEach(event -> { });
            }
        });

        assertInstanceOf(SseException.class, e);
        assertEquals(Classification.of(Decision.RETRY, "overloaded").withStatus(200), classify(e));
    }

    @Test
    void droppedConnection_realSdk_retryConnection() throws IOException {
        AnthropicClient dropped = client(server.droppingUrl(""));
        try {
            Throwable e = assertThrows(RuntimeException.class, () -> dropped.messages().create(PARAMS));

            assertInstanceOf(AnthropicIoException.class, e);
            assertEquals(Classification.of(Decision.RETRY, "connection"), classify(e));
        } finally {
            dropped.close();
        }
    }
}
