package dev.llmretry.examples;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The woven chat service, written the way an application would write it: plain {@link java.net.http.HttpClient}
 * calls to an OpenAI-compatible {@code /chat/completions}, an {@link LlmHttpException} for any non-2xx answer, and
 * two annotations. Retries, circuit breakers and failover come from the aspect (compile-time woven by this module's
 * build) and from {@code retry.yaml}. Callers pass {@code null} for the {@link Endpoint}: the aspect injects the one
 * chosen for each attempt. Stateless and thread-safe.
 */
public class ChatClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Asks one question and returns the whole answer. */
    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String ask(String question, Endpoint endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = endpoint.httpClient().send(request(endpoint, question, false),
                BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) throw LlmHttpException.from(response);
        return OpenAiJson.messageContent(response.body());
    }

    /**
     * Asks one question and streams the answer as it is generated (the content of each SSE chunk). The library
     * retries and fails over until the first chunk has arrived; after that a broken stream reaches the reader as an
     * {@link java.io.UncheckedIOException} and is never retried, so no text is shown twice.
     */
    @LlmRetry(policy = "streaming")
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public Stream<String> stream(String question, Endpoint endpoint) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = endpoint.httpClient().send(request(endpoint, question, true),
                BodyHandlers.ofLines());
        if (response.statusCode() / 100 != 2) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = lines.collect(Collectors.joining("\n"));
            }
            throw new LlmHttpException(response.statusCode(), response.headers().map(), body);
        }
        return response.body()
                .filter(line -> line.startsWith("data:"))
                .map(line -> line.substring("data:".length()).strip())
                .takeWhile(data -> !data.equals("[DONE]"))
                .map(OpenAiJson::deltaContent)
                .filter(Objects::nonNull);
    }

    private static HttpRequest request(Endpoint endpoint, String question, boolean stream) {
        return HttpRequest.newBuilder(URI.create(endpoint.url() + "/chat/completions"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + endpoint.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(OpenAiJson.chatRequest(endpoint.model(), question, stream)))
                .build();
    }
}
