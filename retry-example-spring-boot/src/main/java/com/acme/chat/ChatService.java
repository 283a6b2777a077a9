package com.acme.chat;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * Asks an OpenAI-compatible endpoint. The starter protects {@link #complete} through Spring AOP: each attempt gets
 * the endpoint chosen for it (callers pass {@code null}), and RestClient's 5xx/429 exceptions are classified as
 * llm-retry classifies any LLM failure.
 */
@Service
public class ChatService {
    @LlmRetry                                                    // policy "default" from retry.yaml
    @Failover(endpoints = {"iag", "oneapi", "litellm"})
    public String complete(String prompt, Endpoint endpoint) {
        RestClient client = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory(endpoint.httpClient()))   // the endpoint's proxy
                .baseUrl(endpoint.url()).build();
        Map<?, ?> answer = client.post().uri("/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> { if (endpoint.apiKey() != null) h.setBearerAuth(endpoint.apiKey()); })
                .body(Map.of("model", endpoint.model(), "messages", List.of(Map.of("role", "user", "content", prompt))))
                .retrieve().body(Map.class);
        return content(answer);
    }

    /** {@code choices[0].message.content} of an OpenAI chat answer. */
    private static String content(Map<?, ?> answer) {
        Map<?, ?> choice = (Map<?, ?>) ((List<?>) answer.get("choices")).get(0);
        return (String) ((Map<?, ?>) choice.get("message")).get("content");
    }
}
