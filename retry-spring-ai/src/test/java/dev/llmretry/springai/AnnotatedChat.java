package dev.llmretry.springai;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;
import java.util.Map;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

/** The annotated way to the same models (woven by ajc in this module's test build): what ResilientChatModel must match. */
class AnnotatedChat {
    private final Map<String, ChatModel> models;

    AnnotatedChat(Map<String, ChatModel> models) {
        this.models = models;
    }

    @LlmRetry
    @Failover(endpoints = {"iag", "oneapi"})
    public String ask(String question, Endpoint endpoint) {
        return models.get(endpoint.name()).call(new Prompt(question)).getResult().getOutput().getText();
    }
}
