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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Real clients against real (loopback) servers: the JDK's HttpClient, and the official OpenAI Java SDK. */
public class HttpChatService {
    private final Map<String, OpenAIClient> openAiClients = new ConcurrentHashMap<>();

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String viaJdk(String question, Endpoint endpoint) throws IOException, InterruptedException {
        String json = "{\"model\":\"" + endpoint.model() + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + question + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url() + "/chat/completions"))
                .header("Authorization", "Bearer " + endpoint.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = endpoint.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) throw LlmHttpException.from(response);
        return response.body();
    }

    /** Streams the answer's content chunks as they arrive (OpenAI SSE), read line by line from the JDK client. */
    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public Stream<String> streamViaJdk(String question, Endpoint endpoint) throws IOException, InterruptedException {
        String json = "{\"model\":\"" + endpoint.model() + "\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + question + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<Stream<String>> response = endpoint.httpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() >= 300) {
            String body = response.body().collect(Collectors.joining("\n"));
            throw LlmHttpException.from(response, body);
        }
        return response.body()
                .filter(line -> line.startsWith("data: ") && !line.equals("data: [DONE]"))
                .map(line -> CONTENT.matcher(line))
                .filter(Matcher::find)
                .map(m -> m.group(1));
    }

    private static final Pattern CONTENT = Pattern.compile("\"content\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    @LlmRetry(jitter = Jitter.NONE)
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String viaOpenAi(String question, Endpoint endpoint) {
        OpenAIClient client = openAiClients.computeIfAbsent(endpoint.name(), n -> OpenAIOkHttpClient.builder()
                .apiKey(endpoint.apiKey().isEmpty() ? "none" : endpoint.apiKey())
                .baseUrl(endpoint.url())
                .maxRetries(0) // the library retries; the SDK's own retries would hide failures from it
                .build());
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(endpoint.model())
                .addUserMessage(question)
                .build();
        return client.chat().completions().create(params).choices().get(0).message().content().orElse("");
    }
}
