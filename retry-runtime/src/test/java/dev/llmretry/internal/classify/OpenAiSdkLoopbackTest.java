package dev.llmretry.internal.classify;

import dev.llmretry.classify.Decision;

import dev.llmretry.classify.Classification;

import static dev.llmretry.internal.classify.Fixtures.classify;
import static dev.llmretry.internal.classify.Fixtures.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real OpenAI Java SDK (OkHttp client, no SDK retries) against a loopback server; we classify what it throws. */
class OpenAiSdkLoopbackTest {
    private static final ChatCompletionCreateParams PARAMS = ChatCompletionCreateParams.builder()
            .model("gpt-4o-mini").addUserMessage("Hello").build();

    private LoopbackServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.start();
        client = client(server.url("/v1"));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private static OpenAIClient client(String baseUrl) {
        return OpenAIOkHttpClient.builder().apiKey("sk-test-not-a-key").baseUrl(baseUrl).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    private Throwable createFails() {
        return assertThrows(RuntimeException.class, () -> client.chat().completions().create(PARAMS));
    }

    @Test
    void rateLimit429WithRetryAfter_realSdk_retryRateLimitedWithWait() {
        server.reply(429, openAiError("requests", "rate_limit_exceeded", "Rate limit reached for gpt-4o-mini"),
                "retry-after", "2", "x-ratelimit-reset-requests", "1s", "x-ratelimit-remaining-requests", "0");

        Throwable e = createFails();

        assertInstanceOf(RateLimitException.class, e);
        assertEquals(Classification.of(Decision.RETRY, "rate_limited").withStatus(429)
                .withRetryAfter(Duration.ofSeconds(2)), classify(e));
        assertEquals(1, server.requestCount(), "maxRetries(0): the SDK must not retry on its own");
    }

    @Test
    void insufficientQuota429_realSdk_failoverQuotaExhausted() {
        server.reply(429, openAiError("insufficient_quota", "insufficient_quota",
                "You exceeded your current quota, please check your plan and billing details."));

        Throwable e = createFails();

        assertInstanceOf(RateLimitException.class, e);
        assertEquals(Classification.of(Decision.FAILOVER, "quota_exhausted").withStatus(429), classify(e));
    }

    @Test
    void contextLength400_realSdk_abortContextLength() {
        server.reply(400, openAiError("invalid_request_error", "context_length_exceeded",
                "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens."));

        Throwable e = createFails();

        assertInstanceOf(BadRequestException.class, e);
        assertEquals(Classification.of(Decision.ABORT, "context_length").withStatus(400), classify(e));
    }

    @Test
    void serviceUnavailable503WithRetryAfter_realSdk_retryServerErrorWithWait() {
        server.reply(503, openAiError("server_error", null, "The engine is currently overloaded"), "Retry-After", "7");

        Throwable e = createFails();

        assertInstanceOf(InternalServerException.class, e);
        assertEquals(Classification.of(Decision.RETRY, "server_error").withStatus(503)
                .withRetryAfter(Duration.ofSeconds(7)), classify(e));
    }

    @Test
    void gatewayTimeout504_realSdk_retryServerError() {
        server.reply(504, "<html><body>504 Gateway Time-out</body></html>", "content-type", "text/html");

        Throwable e = createFails();

        assertEquals(Classification.of(Decision.RETRY, "server_error").withStatus(504), classify(e));
    }

    @Test
    void unauthorized401_realSdk_failoverUnauthorized() {
        server.reply(401, openAiError("invalid_request_error", "invalid_api_key", "Incorrect API key provided"));

        Throwable e = createFails();

        assertInstanceOf(UnauthorizedException.class, e);
        assertEquals(Classification.of(Decision.FAILOVER, "unauthorized").withStatus(401), classify(e));
    }

    @Test
    void serverErrorWithShouldRetryFalse_realSdk_failoverNotRetry() {
        server.reply(500, openAiError("server_error", null, "oops"), "x-should-retry", "false");

        assertEquals(Classification.of(Decision.FAILOVER, "should_not_retry").withStatus(500), classify(createFails()));
    }

    @Test
    void droppedConnection_realSdk_retryConnection() throws IOException {
        OpenAIClient dropped = client(server.droppingUrl("/v1"));
        try {
            Throwable e = assertThrows(RuntimeException.class, () -> dropped.chat().completions().create(PARAMS));

            assertInstanceOf(OpenAIIoException.class, e);
            assertEquals(Classification.of(Decision.RETRY, "connection"), classify(e));
        } finally {
            dropped.close();
        }
    }

    @Test
    void errorEventInsideA200Stream_realSdk_retryByErrorTypeWithStatus200() {
        server.stream(
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},"
                        + "\"finish_reason\":null}]}\n\n",
                "data: {\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");

        Throwable e = assertThrows(RuntimeException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(PARAMS)) {
                stream.stream().forEach(chunk -> { });
            }
        });

        assertInstanceOf(SseException.class, e);
        assertEquals(Classification.of(Decision.RETRY, "server_error").withStatus(200), classify(e));
    }
}
