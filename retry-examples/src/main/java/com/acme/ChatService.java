package com.acme;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public class ChatService {
    @LlmRetry                                                    // policy "default" from retry.yaml
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String complete(String prompt, Endpoint endpoint) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url() + "/chat/completions"))
                .header("Authorization", "Bearer " + endpoint.apiKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))                           // the shared client sets no timeout
                .POST(HttpRequest.BodyPublishers.ofString(chatJson(endpoint.model(), prompt)))
                .build();
        HttpResponse<String> response = endpoint.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) throw LlmHttpException.from(response);   // lets llm-retry classify it
        return response.body();
    }

    /** The OpenAI chat request; in real code, let your JSON library write it. */
    static String chatJson(String model, String prompt) {
        String text = prompt.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }
}
