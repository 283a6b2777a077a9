package dev.llmretry.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmHttpException;
import dev.llmretry.spring.LlmRetryAdvisingPostProcessor;
import dev.llmretry.spring.LlmRetryAutoConfiguration;
import dev.llmretry.spring.LlmRetryMicrometerAutoConfiguration;
import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.LlmRetryTest;
import dev.llmretry.testing.RecordedEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A bean woven at compile time, in a context with the starter: ajc's advice protects it and the starter's advisor
 * leaves it alone, so one call is one protected call, its attempts counted once.
 */
@LlmRetryTest(config = "retry-test.yaml")
class WovenBeanTest {
    @RegisterExtension static FakeLlmServer iag = FakeLlmServer.named("iag");
    static ConfigurableApplicationContext context;

    @BeforeAll
    static void startTheApplication() {
        System.setProperty("IAG_URL", iag.baseUrl());
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("llmretry.config=classpath:retry-test.yaml", "spring.main.banner-mode=off").run();
    }

    @AfterAll
    static void stopIt() {
        context.close();
    }

    @Test
    void wovenBean_isNotProxied_norListedAsProtectedByTheStarter() {
        WovenChatClient client = context.getBean(WovenChatClient.class);

        assertFalse(AopUtils.isAopProxy(client), client.getClass().getName());
        assertTrue(context.getBean(LlmRetryAdvisingPostProcessor.class).protectedClasses().isEmpty());
    }

    @Test
    void alwaysFailing_threeAttempts_notRetriedAgainByAProxy(RecordedEvents events) {
        iag.always(FakeResponse.status(503));

        LlmHttpException e = assertThrows(LlmHttpException.class,
                () -> context.getBean(WovenChatClient.class).ask("hi", null));

        assertEquals(503, e.status());
        assertEquals(3, iag.requestCount());
        assertEquals(1, events.callIds().size(), events.timeline());
        assertEquals(1.0, calls("failed"));
    }

    @Test
    void oneFailureThenAnswer_oneCallCountedOnce(RecordedEvents events) throws Exception {
        iag.enqueue(FakeResponse.status(503));

        String answer = context.getBean(WovenChatClient.class).ask("hi", null);

        assertTrue(answer.contains("Hello from iag! You said: hi"), answer);
        assertEquals(2, iag.requestCount());
        events.assertThat().attempted("iag", "iag");
        assertEquals(1.0, calls("success_after_retry"));
    }

    private static double calls(String outcome) {
        return context.getBean(SimpleMeterRegistry.class).get("llmretry.calls")
                .tags("name", WovenChatClient.class.getName() + "#ask", "outcome", outcome).counter().count();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({LlmRetryAutoConfiguration.class, LlmRetryMicrometerAutoConfiguration.class})
    static class App {
        @Bean
        WovenChatClient wovenChatClient() {
            return new WovenChatClient();
        }

        @Bean
        SimpleMeterRegistry simpleMeterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
