package dev.llmretry.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.Endpoint;
import dev.llmretry.LlmHttpException;
import dev.llmretry.annotation.LlmRetry;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.llmretry.LlmResilience;
import dev.llmretry.annotation.Failover;
import dev.llmretry.config.LlmRetryConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A mistake fails the context's start with the library's message, not the first call: small contexts with only
 * the starter's auto-configuration, started and closed by each test.
 */
class StartupValidationTest {
    @BeforeAll
    static void endpointUrls() {   // spring-retry-test.yaml's ${...}: no request is sent in these tests
        System.setProperty("IAG_URL", "http://127.0.0.1:9/v1");
        System.setProperty("ONEAPI_URL", "http://127.0.0.1:9/v1");
    }

    @AfterAll
    static void forgetTheConfiguration() {
        LlmResilience.shutdown();
    }

    @Test
    void misspeltFailoverEndpoint_contextFailsToStart_namingTheMethodAndTheFix() {
        LlmRetryConfigException e = startFails(LlmRetryConfigException.class, MisspeltClient.class,
                "classpath:spring-retry-test.yaml");

        assertTrue(e.getMessage().contains(MisspeltClient.class.getName() + "#ask"), e.getMessage());
        assertTrue(e.getMessage().contains("no endpoint named 'onapi', did you mean 'oneapi'?"), e.getMessage());
    }

    @Test
    void invalidRetryYaml_contextFailsToStart_withTheFileKeyAndValue() {
        LlmRetryConfigException e = startFails(LlmRetryConfigException.class, null,
                "classpath:broken-retry.yaml");

        assertEquals("classpath:broken-retry.yaml: retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.", e.getMessage());
    }

    @Test
    void missingRetryYaml_contextFailsToStart_sayingWhereItLooked() {
        IllegalStateException e = startFails(IllegalStateException.class, null,
                "file:/nonexistent/retry.yaml");

        assertTrue(e.getMessage().startsWith("llmretry.config is 'file:/nonexistent/retry.yaml', but there is no "
                + "file there"), e.getMessage());
    }

    @Test
    void validConfiguration_contextStarts_andTheBeanIsProtected() {
        try (ConfigurableApplicationContext context = start(ValidClient.class, "classpath:spring-retry-test.yaml")) {
            LlmRetryAdvisingPostProcessor processor = context.getBean(LlmRetryAdvisingPostProcessor.class);
            assertEquals(java.util.List.of(ValidClient.class), processor.protectedClasses());
            assertFalse(context.getBean(ValidClient.class).getClass() == ValidClient.class);
        }
    }

    @Test
    void starterSwitchedOff_beanIsNotProxied_andAMisspeltEndpointGoesUnchecked() {
        try (ConfigurableApplicationContext context = start(MisspeltClient.class, "classpath:spring-retry-test.yaml",
                "llmretry.enabled=false")) {
            assertEquals(MisspeltClient.class, context.getBean(MisspeltClient.class).getClass());
            assertTrue(context.getBeansOfType(LlmRetryAdvisingPostProcessor.class).isEmpty());
        }
    }

    @Test
    void contextCloses_asyncCallWaitingForItsRetry_endsWithItsLastFailure() {
        CompletableFuture<String> answer;
        try (ConfigurableApplicationContext context = start(AsyncClient.class, "classpath:spring-retry-test.yaml")) {
            answer = context.getBean(AsyncClient.class).ask();   // fails with 503; its retry waits 1 s
            assertFalse(answer.isDone());
        }   // closing the context shuts the library down

        ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
        LlmHttpException last = (LlmHttpException) e.getCause();
        assertEquals(503, last.status());
        assertEquals(1, AsyncClient.ATTEMPTS.get());
        assertTrue(Arrays.stream(last.getSuppressed()).anyMatch(RejectedExecutionException.class::isInstance),
                Arrays.toString(last.getSuppressed()));
    }

    @Test
    void invalidRetryYaml_failureAnalysis_describesTheProblemForTheStartReport() {
        LlmRetryConfigException e = startFails(LlmRetryConfigException.class, null,
                "classpath:broken-retry.yaml");

        FailureAnalysis analysis = new LlmRetryFailureAnalyzer().analyze(new IllegalStateException(e));

        assertEquals("llm-retry could not protect this application: classpath:broken-retry.yaml: "
                + "retry.default.max-attempts was 0, must be >= 1. Use 1 for a single attempt.", analysis.getDescription());
        assertTrue(analysis.getAction().startsWith("Fix retry.yaml"), analysis.getAction());
    }

    /** The start's failure, and the library's own exception at its root (Spring wraps it in bean errors). */
    private static <T extends Throwable> T startFails(Class<T> type, Class<?> bean, String config) {
        Throwable failure = assertThrows(Throwable.class, () -> start(bean, config).close());
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        assertTrue(type.isInstance(root), () -> "expected " + type.getName() + " at the root of " + failure);
        assertTrue(failure.getMessage().contains(root.getMessage()), failure.getMessage());
        return type.cast(root);
    }

    /** A context with the starter and {@code bean} (null: none), {@code llmretry.config} set to {@code config}. */
    private static ConfigurableApplicationContext start(Class<?> bean, String config, String... properties) {
        return new SpringApplicationBuilder(Starter.class).web(WebApplicationType.NONE)
                .initializers(context -> {
                    if (bean != null) ((GenericApplicationContext) context).registerBean(bean);
                })
                .properties("llmretry.config=" + config, "spring.main.banner-mode=off").properties(properties).run();
    }

    /** Only the starter's auto-configuration; each test registers the one bean it needs. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(LlmRetryAutoConfiguration.class)
    static class Starter {
    }

    public static class AsyncClient {
        static final AtomicInteger ATTEMPTS = new AtomicInteger();

        @LlmRetry
        public CompletableFuture<String> ask() {
            ATTEMPTS.incrementAndGet();
            return CompletableFuture.failedFuture(new LlmHttpException(503, Map.of(), "busy"));
        }
    }

    public static class MisspeltClient {
        @Failover(endpoints = {"iag", "onapi"})
        public String ask(String prompt, Endpoint endpoint) {
            return prompt;
        }
    }

    public static class ValidClient {
        @Failover(endpoints = {"iag", "oneapi"})
        public String ask(String prompt, Endpoint endpoint) {
            return prompt;
        }
    }
}
