package dev.llmretry.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.testing.LlmRetryTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Building a resilient model: mistakes fail at build() with what to fix; models that retry on their own are named. */
@LlmRetryTest
class BuilderAndOwnRetriesTest {
    private static OpenAiChatModel.OpenAiChatModelBuilder openAi() {
        return OpenAiChatModel.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("sk-test").modelName("gpt-4o-mini");
    }

    @Test
    void openAiModelWithDefaultRetries_readAsTwo_andZeroWhenTurnedOff() {
        assertEquals(2, OwnRetriesCheck.maxRetries(openAi().build()));
        assertEquals(0, OwnRetriesCheck.maxRetries(openAi().maxRetries(0).build()));
        assertEquals(-1, OwnRetriesCheck.maxRetries(OpenAiStreamingChatModel.builder().baseUrl("http://127.0.0.1:9/v1")
                .apiKey("sk-test").modelName("gpt-4o-mini").build()), "the streaming model has no retries of its own");
    }

    @Test
    void modelThatRetriesOnItsOwn_warnedOnce_evenWhenWrappedTwice() {
        OpenAiChatModel retrying = openAi().build();
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("iag", retrying);
        models.put("oneapi", openAi().maxRetries(0).build());

        assertEquals(List.of("iag"), OwnRetriesCheck.warnIfRetrying(models));
        assertEquals(List.of(), OwnRetriesCheck.warnIfRetrying(models));
    }

    @Test
    void unknownEndpoint_failsAtBuild_namingIt() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> ResilientChatModel.builder()
                .endpoint("iag", openAi().maxRetries(0).build()).endpoint("onepai", openAi().maxRetries(0).build())
                .retry("default").build());

        assertTrue(e.getMessage().contains("onepai"), e.getMessage());
    }

    @Test
    void unknownRetryPolicy_failsAtBuild_namingIt() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class, () -> ResilientStreamingChatModel
                .builder().endpoint("iag", OpenAiStreamingChatModel.builder().baseUrl("http://127.0.0.1:9/v1")
                        .apiKey("sk-test").modelName("gpt-4o-mini").build()).retry("patient").build());

        assertTrue(e.getMessage().contains("patient"), e.getMessage());
    }

    @Test
    void noEndpoint_sameEndpointTwice_blankName_failWithWhatToDo() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> ResilientChatModel.builder().build());
        assertTrue(none.getMessage().contains(".endpoint(\"iag\", model)"), none.getMessage());

        ChatModel model = openAi().maxRetries(0).build();
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ResilientChatModel.builder().endpoint("iag", model).endpoint("iag", model));
        assertTrue(twice.getMessage().contains("'iag' was added twice"), twice.getMessage());

        assertThrows(IllegalArgumentException.class, () -> ResilientChatModel.builder().endpoint(" ", model));
        assertThrows(NullPointerException.class, () -> ResilientChatModel.builder().endpoint("iag", null));
    }

    @Test
    void capabilities_onlyThoseEveryEndpointHas() {
        ChatModel jsonSchema = new ChatModel() {
            @Override public ChatResponse doChat(ChatRequest request) { throw new UnsupportedOperationException(); }
            @Override public Set<Capability> supportedCapabilities() { return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA); }
        };
        ChatModel plain = new ChatModel() {
            @Override public ChatResponse doChat(ChatRequest request) { throw new UnsupportedOperationException(); }
        };

        assertEquals(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA), ResilientChatModel.builder()
                .endpoint("iag", jsonSchema).endpoint("oneapi", jsonSchema).build().supportedCapabilities());
        assertEquals(Set.of(), ResilientChatModel.builder()
                .endpoint("iag", jsonSchema).endpoint("oneapi", plain).build().supportedCapabilities());
    }
}
