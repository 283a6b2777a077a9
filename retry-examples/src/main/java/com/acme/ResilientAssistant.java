package com.acme;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.llmretry.langchain4j.ResilientChatModel;

public final class ResilientAssistant {
    /** What the application talks to: a LangChain4j AiService. */
    public interface Assistant {
        String chat(String userMessage);
    }

    /** Three OpenAI-compatible endpoints, one resilient model, an AiService on top. */
    public static Assistant create(String iagUrl, String oneapiUrl, String litellmUrl) {
        ChatModel model = ResilientChatModel.builder()
                .endpoint("iag", openAi(iagUrl, "IAG_API_KEY"))           // names of retry.yaml's endpoints:
                .endpoint("oneapi", openAi(oneapiUrl, "ONEAPI_API_KEY"))  // their circuits, health and events
                .endpoint("litellm", openAi(litellmUrl, "LITELLM_API_KEY"))
                .retry("default")                                         // the retry policy of retry.yaml
                .build();
        return AiServices.create(Assistant.class, model);
    }

    private static ChatModel openAi(String baseUrl, String apiKeyVariable) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(System.getenv().getOrDefault(apiKeyVariable, "sk-demo"))
                .modelName("gpt-4o")
                .maxRetries(0)            // llm-retry retries; LangChain4j's own retries would multiply its attempts
                .build();
    }

    private ResilientAssistant() {
    }
}
