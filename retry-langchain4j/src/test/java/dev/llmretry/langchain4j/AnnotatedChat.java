package dev.llmretry.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import java.util.Map;

/** What a user without this module would write: a woven method choosing the LangChain4j model by endpoint. */
public class AnnotatedChat {
    private final Map<String, ChatModel> models;

    AnnotatedChat(Map<String, ChatModel> models) {
        this.models = models;
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public ChatResponse chat(ChatRequest request, Endpoint endpoint) {
        return models.get(endpoint.name()).chat(request);
    }
}
