package dev.llmretry.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * docs/spring-ai.md's wiring with the OpenAI starter's auto-configuration: the auto-configured {@code OpenAiChatModel}
 * is wrapped, not replaced, and the {@code @Primary} resilient model is the one the auto-configured
 * {@code ChatClient.Builder} gets.
 */
@LlmRetryTest
class SpringBootWiringTest {
    @RegisterExtension
    static FakeLlmServer iag = FakeLlmServer.named("iag");
    @RegisterExtension
    static FakeLlmServer oneapi = FakeLlmServer.named("oneapi");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class,
                    ToolCallingAutoConfiguration.class, ChatClientAutoConfiguration.class))
            .withPropertyValues("spring.ai.openai.base-url=" + iag.baseUrl(), "spring.ai.openai.api-key=sk-test-iag",
                    "spring.ai.openai.chat.options.model=gpt-4o", "spring.ai.openai.max-retries=0");

    /** The user's configuration, as docs/spring-ai.md shows it. */
    @Configuration(proxyBeanMethods = false)
    static class ResilientChatConfig {
        @Bean
        @Primary
        ResilientChatModel resilientChatModel(OpenAiChatModel openAiChatModel) {
            return ResilientChatModel.builder()
                    .endpoint("iag", openAiChatModel)
                    .endpoint("oneapi", OpenAiModels.of(oneapi, "gpt-4o-mini"))
                    .retry("default")
                    .build();
        }
    }

    /** The same, without {@code @Primary}: two ChatModel beans. */
    @Configuration(proxyBeanMethods = false)
    static class SecondChatModelBean {
        @Bean
        ResilientChatModel resilientChatModel(OpenAiChatModel openAiChatModel) {
            return ResilientChatModel.builder().endpoint("iag", openAiChatModel).build();
        }
    }

    @Test
    void primaryResilientModel_autoConfiguredChatClient_failsOverFromTheWrappedStarterModel() {
        iag.enqueue(FakeResponse.status(504).times(3));

        runner.withUserConfiguration(ResilientChatConfig.class).run(context -> {
            assertInstanceOf(ResilientChatModel.class, context.getBean(ChatModel.class));
            assertThat(context).hasSingleBean(OpenAiChatModel.class);
            ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();

            assertEquals("Hello from oneapi! You said: q", chatClient.prompt("q").call().content());

            assertEquals(3, iag.requestCount(), "spring.ai.openai.max-retries=0: the starter's model sends each attempt once");
            assertEquals("gpt-4o", iag.lastRequest().model());
            assertEquals("gpt-4o-mini", oneapi.lastRequest().model(), "each wrapped model keeps its own model name");
        });
    }

    @Test
    void secondChatModelBeanWithoutPrimary_chatClientAutoConfigurationFails() {
        runner.withUserConfiguration(SecondChatModelBean.class).run(context -> {
            Exception e = assertThrows(Exception.class, () -> context.getBean(ChatClient.Builder.class));
            assertThat(e).hasStackTraceContaining("expected single matching bean but found 2");
        });
    }
}
