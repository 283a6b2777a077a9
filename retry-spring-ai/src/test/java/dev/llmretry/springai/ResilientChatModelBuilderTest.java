package dev.llmretry.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.config.LlmRetryConfigException;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.LlmRetryTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;

/** The builder's checks, and the options each wrapped model receives. */
@LlmRetryTest
class ResilientChatModelBuilderTest {
    @RegisterExtension
    static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    private final OpenAiChatModel iagModel = OpenAiModels.of(iag, "gpt-4o");

    @Test
    void noEndpoint_build_failsSayingHowToAddOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResilientChatModel.builder().build());
        assertTrue(e.getMessage().contains("builder().endpoint(\"iag\", iagModel)"), e.getMessage());
    }

    @Test
    void sameEndpointTwice_endpoint_failsNamingIt() {
        ResilientChatModel.Builder builder = ResilientChatModel.builder().endpoint("iag", iagModel);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.endpoint("iag", iagModel));
        assertEquals("endpoint 'iag' was given twice; give each endpoint one model", e.getMessage());
    }

    @Test
    void resilientModelAsAnEndpoint_endpoint_failsBecauseEveryAttemptWouldBeRetriedTwice() {
        ResilientChatModel inner = ResilientChatModel.builder().endpoint("iag", iagModel).build();
        assertThrows(IllegalArgumentException.class, () -> ResilientChatModel.builder().endpoint("oneapi", inner));
    }

    @Test
    void endpointNotInRetryYaml_build_failsWithTheConfigurationMessage() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> ResilientChatModel.builder().endpoint("iga", iagModel).build());
        assertTrue(e.getMessage().contains("iga"), e.getMessage());
    }

    @Test
    void unknownRetryPolicy_build_failsWithTheConfigurationMessage() {
        LlmRetryConfigException e = assertThrows(LlmRetryConfigException.class,
                () -> ResilientChatModel.builder().endpoint("iag", iagModel).retry("patient").build());
        assertTrue(e.getMessage().contains("patient"), e.getMessage());
    }

    @Test
    void endpoints_inTheOrderGiven() {
        ResilientChatModel chat = ResilientChatModel.builder().endpoint("oneapi", OpenAiModels.of(oneapi, "m"))
                .endpoint("iag", iagModel).build();
        assertEquals(List.of("oneapi", "iag"), chat.endpoints());
    }

    @Test
    void chatClientPortableOptions_layOverEachWrappedModelsDefaults() {
        ResilientChatModel chat = ResilientChatModel.builder().endpoint("iag", iagModel).build();

        ChatClient.create(chat).prompt("q").options(ChatOptions.builder().temperature(0.25).maxTokens(42)).call()
                .content();

        String body = iag.lastRequest().body();
        assertEquals("gpt-4o", iag.lastRequest().model(), body);
        assertTrue(body.replace(" ", "").contains("\"temperature\":0.25"), body);
        assertTrue(body.replace(" ", "").matches(".*\"max_(completion_)?tokens\":42.*"), body);
    }
}
