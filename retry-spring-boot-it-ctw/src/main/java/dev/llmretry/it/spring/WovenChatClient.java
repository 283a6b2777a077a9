package dev.llmretry.it.spring;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.annotation.LlmRetry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Woven by ajc at compile time in this module's build; registered as a Spring bean by the test. */
public class WovenChatClient {
    @LlmRetry(maxAttempts = 3, initialBackoff = "1s", jitter = Jitter.NONE)
    @Failover(endpoints = "iag")
    public String ask(String prompt, Endpoint endpoint) throws IOException, InterruptedException {
        String json = "{\"model\":\"" + endpoint.model() + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url() + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = endpoint.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) throw LlmHttpException.from(response);
        return response.body();
    }
}
