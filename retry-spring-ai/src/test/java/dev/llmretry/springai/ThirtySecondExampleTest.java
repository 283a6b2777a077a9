package dev.llmretry.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** docs/spring-ai.md's 30-second example, run: three models, one resilient model, a ChatClient on top. */
@LlmRetryTest
class ThirtySecondExampleTest {
    @RegisterExtension
    static FakeLlmServer iagServer = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapiServer = FakeLlmServer.named("oneapi");
    @RegisterExtension
    static FakeLlmServer litellmServer = FakeLlmServer.named("litellm");

    @Test
    void threeModels_oneResilientModel_chatClientOnTop_failsOverPastTheOpenCircuit() {
        iagServer.enqueue(FakeResponse.status(504).times(3));
        String iagUrl = iagServer.baseUrl();
        String oneapiUrl = oneapiServer.baseUrl();
        String litellmUrl = litellmServer.baseUrl();
        String iagKey = "sk-iag";
        String oneapiKey = "sk-oneapi";

        // tag::example[]
        OpenAiChatModel iag = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(iagUrl).apiKey(iagKey).model("gpt-4o").maxRetries(0).build()).build();
        OpenAiChatModel oneapi = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(oneapiUrl).apiKey(oneapiKey).model("gpt-4o-mini").maxRetries(0).build()).build();
        OpenAiChatModel litellm = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(litellmUrl).apiKey("none").model("llama-3.1-70b").maxRetries(0).build()).build();

        ChatModel chatModel = ResilientChatModel.builder()
                .endpoint("iag", iag)                 // endpoint names from retry.yaml: circuits, health, events
                .endpoint("oneapi", oneapi)           // in failover order
                .endpoint("litellm", litellm)
                .retry("default")                     // the retry policy of retry.yaml
                .build();

        ChatClient chatClient = ChatClient.create(chatModel);
        String answer = chatClient.prompt("What is the capital of France?").call().content();
        // end::example[]

        assertEquals("Hello from oneapi! You said: What is the capital of France?", answer);
        assertEquals(3, iagServer.requestCount());
        assertEquals("gpt-4o-mini", oneapiServer.lastRequest().model());
        assertEquals(0, litellmServer.requestCount());
    }
}
