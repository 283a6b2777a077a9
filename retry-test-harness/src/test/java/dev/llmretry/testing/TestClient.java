package dev.llmretry.testing;

import dev.llmretry.testing.server.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real {@link HttpClient} speaking to a {@link FakeLlmServer} the way an OpenAI client would. */
final class TestClient {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What a client read from an SSE answer: the {@code data:} payloads, and the failure that ended it, if any. */
    record EventStream(int status, String contentType, List<String> data, IOException failure) {

        List<String> contents() {
            List<String> contents = new ArrayList<>();
            for (String payload : data) {
                if (!payload.equals("[DONE]") && json(payload).get("choices") instanceof List<?> choices
                        && ((Map<?, ?>) choices.get(0)).get("delta") instanceof Map<?, ?> delta
                        && delta.get("content") instanceof String content) {
                    contents.add(content);
                }
            }
            return contents;
        }
    }

    private TestClient() {
    }

    static String chatBody(String userMessage, boolean stream) {
        return "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":" + Json.quote(userMessage) + "}]}";
    }

    static HttpRequest.Builder chatRequest(FakeLlmServer server, String body) {
        return HttpRequest.newBuilder(URI.create(server.chatUrl()))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer sk-test")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpResponse<String> chat(FakeLlmServer server, String userMessage) throws IOException, InterruptedException {
        return CLIENT.send(chatRequest(server, chatBody(userMessage, false)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads an SSE answer line by line, as streaming clients do, keeping whatever arrived before a failure. */
    static EventStream stream(FakeLlmServer server, String userMessage) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = CLIENT.send(chatRequest(server, chatBody(userMessage, true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> data = new ArrayList<>();
        String contentType = response.headers().firstValue("content-type").orElse("");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    data.add(line.substring("data: ".length()));
                }
            }
        } catch (IOException e) {
            return new EventStream(response.statusCode(), contentType, data, e);
        }
        return new EventStream(response.statusCode(), contentType, data, null);
    }

    static Map<?, ?> json(String body) {
        return (Map<?, ?>) Json.parse(body);
    }

    static Map<?, ?> error(HttpResponse<String> response) {
        return (Map<?, ?>) json(response.body()).get("error");
    }

    static String content(HttpResponse<String> response) {
        List<?> choices = (List<?>) json(response.body()).get("choices");
        Map<?, ?> message = (Map<?, ?>) ((Map<?, ?>) choices.get(0)).get("message");
        return (String) message.get("content");
    }
}
