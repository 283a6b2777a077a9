package dev.llmretry.internal.classify;

import static dev.llmretry.internal.classify.Fixtures.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmretry.LlmHttpException;
import dev.llmretry.internal.exec.Redactor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one-line summaries of logs, events and health: status with its reason phrase, the provider's error code and a
 * short message; never the URL or the whole body; cut on a word boundary. SDK exceptions read the same way.
 */
class FailureSummaryTest {
    final Redactor redactor = new Redactor(List.of());

    @Test
    void jdkResponseWithUrlAndJsonBody_summary_statusCodeAndShortMessage_noUrlNoBody() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            server.reply(429, openAiError("requests", "rate_limit_exceeded", "Rate limit reached for gpt-4o"));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url("/v1/chat/completions"))).build(), HttpResponse.BodyHandlers.ofString());

            String summary = redactor.summary(LlmHttpException.from(response));

            assertEquals("429 Too Many Requests (rate_limit_exceeded): Rate limit reached for gpt-4o", summary);
        }
    }

    @Test
    void openAiSdk504_summary_readsLikeSpecSection7() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            server.reply(504, "");
            OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("sk-test-not-a-key")
                    .baseUrl(server.url("/v1")).maxRetries(0).timeout(Duration.ofSeconds(10)).build();
            try {
                RuntimeException e = assertThrows(RuntimeException.class, () -> client.chat().completions().create(
                        ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Hello").build()));

                assertEquals("504 Gateway Timeout", redactor.summary(e));
            } finally {
                client.close();
            }
        }
    }

    @Test
    void openAiSdk429WithCode_summary_statusCodeAndMessage() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            server.reply(429, openAiError("insufficient_quota", "insufficient_quota", "You exceeded your current quota"));
            OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("sk-test-not-a-key")
                    .baseUrl(server.url("/v1")).maxRetries(0).timeout(Duration.ofSeconds(10)).build();
            try {
                RuntimeException e = assertThrows(RuntimeException.class, () -> client.chat().completions().create(
                        ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Hello").build()));

                assertEquals("429 Too Many Requests (insufficient_quota): You exceeded your current quota",
                        redactor.summary(e));
            } finally {
                client.close();
            }
        }
    }

    @Test
    void genericCodeAndAMessageThatRestatesTheStatus_summary_isTheStatusLineAlone_asSpecSection7() {
        assertEquals("504 Gateway Timeout", redactor.summary(new LlmHttpException(504, Map.of(),
                openAiError("server_error", null, "Gateway timeout: the model did not answer in time."))));
        assertEquals("529 Overloaded", redactor.summary(new LlmHttpException(529, Map.of(),
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        assertEquals("503 Service Unavailable: The engine is currently overloaded, please try again later",
                redactor.summary(new LlmHttpException(503, Map.of(), openAiError("server_error", null,
                        "The engine is currently overloaded, please try again later."))));
    }

    @Test
    void anthropicSdk529And429_summary_readTheSameWay() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            com.anthropic.client.AnthropicClient client = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
                    .apiKey("sk-ant-test-not-a-key").baseUrl(server.url("")).maxRetries(0)
                    .timeout(Duration.ofSeconds(10)).build();
            com.anthropic.models.messages.MessageCreateParams params = com.anthropic.models.messages.MessageCreateParams
                    .builder().model("claude-sonnet-4-5").maxTokens(16).addUserMessage("Hello").build();
            try {
                server.reply(529, Fixtures.anthropicError("overloaded_error", "Overloaded"));
                assertEquals("529 Overloaded", redactor.summary(
                        assertThrows(RuntimeException.class, () -> client.messages().create(params))));

                server.reply(429, Fixtures.anthropicError("rate_limit_error", "Number of request tokens has exceeded "
                        + "your per-minute rate limit"));
                assertEquals("429 Too Many Requests (rate_limit_error): Number of request tokens has exceeded your "
                        + "per-minute rate limit", redactor.summary(
                                assertThrows(RuntimeException.class, () -> client.messages().create(params))));
            } finally {
                client.close();
            }
        }
    }

    @Test
    void htmlErrorPage_summary_statusOnly() {
        assertEquals("504 Gateway Timeout", redactor.summary(new LlmHttpException(504, Map.of(),
                "<html><body><h1>504 Gateway Time-out</h1></body></html>")));
    }

    @Test
    void longText_summary_cutOnAWordBoundary() {
        String words = "word".repeat(1) + " alpha beta gamma delta".repeat(30);
        String summary = redactor.summary(new IOException(words));

        assertTrue(summary.endsWith("..."), summary);
        String kept = summary.substring(0, summary.length() - 3);
        assertTrue(("IOException: " + words + " ").startsWith(kept + " "), "cut inside a word: " + summary);
        assertTrue(summary.length() <= 243, summary);
    }

    @Test
    void tenMegabyteBody_exceptionMessage_isBuiltFromItsStartOnly() {
        String body = "{\"error\":{\"message\":\"overloaded\"}}" + "  \n x".repeat(2_500_000);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();

        LlmHttpException e = new LlmHttpException(503, Map.of(), body);

        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().startsWith("503 Service Unavailable: {\"error\":{\"message\":\"overloaded\"}} x x"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 260, e.getMessage());
        assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes for a 10 MB body: the body was copied");
    }

    @Test
    void summaryWithoutHttpStatus_isClassAndFirstLine() {
        assertEquals("IOException: Connection reset", redactor.summary(new IOException("Connection reset\nat ...")));
        assertFalse(redactor.summary(new IOException("x")).contains("\n"));
    }
}
