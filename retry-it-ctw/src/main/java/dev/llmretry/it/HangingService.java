package dev.llmretry.it;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real clients against servers that answer late or never: max-duration and attempt-timeout must still hold. */
public class HangingService {
    private final Map<String, OpenAIClient> openAiClients = new ConcurrentHashMap<>();

    /** No attempt-timeout: only the call's 1 s max-duration bounds an attempt that hangs. */
    @LlmRetry(maxAttempts = 2, initialBackoff = "100ms", jitter = Jitter.NONE, maxDuration = "1s")
    @Failover(endpoints = {"iag", "oneapi"})
    public String viaJdk(String question, Endpoint endpoint) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + endpoint.model()
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}"))
                .build();
        HttpResponse<String> response = endpoint.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) throw LlmHttpException.from(response);
        return response.body();
    }

    /** Loads and warms the OpenAI SDK outside any attempt-timeout (its first call takes seconds on a busy machine). */
    public String warmUp(String baseUrl) {
        return ask(openAi(baseUrl), "warm-up", "warm-up");
    }

    /** The OpenAI SDK's blocking client (OkHttp ignores interrupts) with a 500 ms attempt-timeout. */
    @LlmRetry(maxAttempts = 2, initialBackoff = "100ms", jitter = Jitter.NONE, attemptTimeout = "500ms")
    @Failover(endpoints = {"iag", "oneapi"})
    public String viaOpenAi(String question, Endpoint endpoint) {
        return ask(openAiClients.computeIfAbsent(endpoint.name(), n -> openAi(endpoint.url())), endpoint.model(),
                question);
    }

    private static OpenAIClient openAi(String baseUrl) {
        return OpenAIOkHttpClient.builder().apiKey("none").baseUrl(baseUrl).maxRetries(0).build();
    }

    private static String ask(OpenAIClient client, String model, String question) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model).addUserMessage(question)
                .build();
        return client.chat().completions().create(params).choices().get(0).message().content().orElse("");
    }
}
