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
import org.springframework.http.MediaType;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;

/**
 * A chat model built the way Spring AI's RestClient-based providers are (OllamaApi, MistralAiApi, ...): a real
 * RestClient over HTTP whose status handler is {@code RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER} or
 * {@link LlmErrorHandler}, so errors arrive as TransientAiException/NonTransientAiException.
 */
final class RestClientChatModel implements ChatModel {
    private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final RestClient client;

    RestClientChatModel(FakeLlmServer server, ResponseErrorHandler errors) {
        this.client = RestClient.builder().baseUrl(server.baseUrl()).defaultStatusHandler(errors).build();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        String body = client.post().uri("/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt.getContents() + "\"}]}")
                .retrieve().body(String.class);
        Matcher m = CONTENT.matcher(body == null ? "" : body);
        return new ChatResponse(List.of(new Generation(new AssistantMessage(m.find() ? m.group(1) : ""))));
    }
}
