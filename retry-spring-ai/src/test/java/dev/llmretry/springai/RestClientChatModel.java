package dev.llmretry.springai;

import dev.llmretry.testing.FakeLlmServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;

/**
 * A chat model built the way Spring AI's RestClient-based providers are (OllamaApi, MistralAiApi, ...): a real
 * RestClient over HTTP whose status handler is {@code RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER} or
 * {@link LlmErrorHandler}, so errors arrive as TransientAiException/NonTransientAiException, each request made
 * through {@code RetryUtils.execute} with the model's RetryTemplate.
 */
final class RestClientChatModel implements ChatModel {
    private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Spring AI's own retries off, as docs/spring-ai.md tells users: no retry after the first attempt. */
    static final RetryTemplate NO_RETRIES = new RetryTemplate(RetryPolicy.withMaxRetries(0));

    private final RestClient client;
    private final RetryTemplate retries;

    RestClientChatModel(FakeLlmServer server, ResponseErrorHandler errors) {
        this(server, errors, NO_RETRIES);
    }

    /** {@code retries}: what such a provider's builder takes as {@code retryTemplate(..)}. */
    RestClientChatModel(FakeLlmServer server, ResponseErrorHandler errors, RetryTemplate retries) {
        this.client = RestClient.builder().baseUrl(server.baseUrl()).defaultStatusHandler(errors).build();
        this.retries = retries;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        String body = RetryUtils.execute(retries, () -> client.post().uri("/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt.getContents() + "\"}]}")
                .retrieve().body(String.class));
        Matcher m = CONTENT.matcher(body == null ? "" : body);
        return new ChatResponse(List.of(new Generation(new AssistantMessage(m.find() ? m.group(1) : ""))));
    }
}
