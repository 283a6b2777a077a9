package dev.llmretry.springai;

import dev.llmretry.testing.FakeLlmServer;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Spring AI's real OpenAI chat model (over the OpenAI Java SDK) talking to a {@link FakeLlmServer}. */
final class OpenAiModels {
    private OpenAiModels() {
    }

    /** Its own retries off, as docs/spring-ai.md tells users. */
    static OpenAiChatModel of(FakeLlmServer server, String model) {
        return of(server, model, 0);
    }

    static OpenAiChatModel of(FakeLlmServer server, String model, int maxRetries) {
        return OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder().baseUrl(server.baseUrl()).apiKey("sk-test-" + server.name())
                        .model(model).maxRetries(maxRetries).build())
                .build();
    }
}
