package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static dev.llmretry.internal.config.ConfigFixtures.parse;
import static dev.llmretry.internal.config.ConfigFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.classify.Decision;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The retry.yaml example of SPEC.md §4 loads and means what the spec says. */
class SpecExampleTest {
    private static final Map<String, String> VARIABLES = Map.of("IAG_API_KEY", "sk-iag-123", "PROXY_PW", "pw-456");

    private final LlmRetryConfig config = parse(resource("spec-example.yaml"), VARIABLES);

    @Test
    void specExample_load_hasDefaultAndStreamingRetryPolicies() {
        assertEquals("retry.yaml", config.source());
        assertEquals(List.of("default", "streaming"), List.copyOf(config.retryPolicies().keySet()));
        assertEquals(RetrySettings.defaults(), config.retryPolicy("default"));
        RetrySettings streaming = config.retryPolicy("streaming");
        assertEquals(2, streaming.maxAttempts());
        assertEquals(Duration.ofMillis(200), streaming.initialBackoff());
        assertEquals(Duration.ofSeconds(30), streaming.attemptTimeout());
        assertEquals(Duration.ofSeconds(30), streaming.maxBackoff());
        assertEquals(Duration.ofMinutes(5), streaming.maxDuration());
        assertEquals(LlmRetryConfig.defaults().retryPolicy("streaming"), streaming);
    }

    @Test
    void specExample_load_hasDefaultBreaker() {
        assertEquals(Set.of("default"), config.breakerPolicies().keySet());
        assertEquals(BreakerSettings.defaults(), config.breakerPolicy("default"));
    }

    @Test
    void specExample_load_hasIagEndpointWithSubstitutedSecretsAndProxy() {
        EndpointSettings iag = config.endpoint("iag").orElseThrow();
        assertEquals("iag", iag.name());
        assertEquals("https://iag.example/v1", iag.url());
        assertEquals(URI.create("https://iag.example/v1"), iag.uri());
        assertEquals("gpt-4o", iag.model());
        assertEquals("sk-iag-123", iag.apiKey());
        assertEquals(1, iag.priority());
        assertEquals("default", iag.circuitBreaker());
        assertEquals(Map.of(), iag.properties());
        ProxySettings proxy = iag.proxy();
        assertEquals(URI.create("http://proxy:8080"), proxy.http());
        assertEquals(URI.create("http://proxy:8080"), proxy.https());
        assertEquals(List.of("localhost", "127.0.0.1", ".corp.local"), proxy.noProxy());
        assertEquals("u", proxy.username());
        assertEquals("pw-456", proxy.password());
        assertTrue(proxy.bypasses("build.corp.local"));
        assertTrue(proxy.bypasses("LOCALHOST"));
        assertFalse(proxy.bypasses("iag.example"));
    }

    @Test
    void specExample_load_failoverEnabledByDefaultVariable() {
        assertTrue(config.failover().enabled());
        assertEquals(FailoverStrategy.PRIORITY, config.failover().strategy());
    }

    @Test
    void fallbackVariableFalse_load_disablesFailover() {
        Map<String, String> vars = new java.util.HashMap<>(VARIABLES);
        vars.put("LLM_FALLBACK_ENABLED", "false");
        assertFalse(parse(resource("spec-example.yaml"), vars).failover().enabled());
    }

    @Test
    void specExample_load_hasClassificationRules() {
        ClassificationSettings c = config.classification();
        assertEquals(Set.of(425), c.rules(Decision.RETRY).statuses());
        assertEquals(List.of("com.acme.FlakyException"), c.rules(Decision.RETRY).exceptionClasses());
        assertEquals(Set.of(), c.rules(Decision.RETRY).errorCodes());
        assertEquals(Set.of(402), c.rules(Decision.FAILOVER).statuses());
        assertEquals(Set.of("insufficient_quota"), c.rules(Decision.FAILOVER).errorCodes());
        assertEquals(Set.of(400, 422), c.rules(Decision.ABORT).statuses());
        assertEquals(1, c.rules(Decision.ABORT).messagePatterns().size());
        assertTrue(c.rules(Decision.ABORT).messagePatterns().get(0).matcher("This model's maximum CONTEXT LENGTH is").find());
    }

    @Test
    void specExample_load_hasMethodOverride() {
        MethodOverride o = config.methodOverride("com.acme.ChatService#complete").orElseThrow();
        assertEquals(Optional.of(3), o.retry().value("max-attempts"));
        assertEquals(Set.of("max-attempts"), o.retry().keys());
        assertEquals(Optional.of(5), o.circuitBreaker().value("failure-threshold"));
        assertNull(o.retryPolicy());
        assertNull(o.breakerPolicy());
        assertEquals("methods.\"com.acme.ChatService#complete\".retry.max-attempts", o.retry().keyPath("max-attempts"));
        assertEquals("retry.yaml", o.retry().source());
        assertEquals(Optional.empty(), config.methodOverride("com.acme.ChatService#other"));
    }

    @Test
    void verbatimSpecExample_load_failsSayingToQuoteTheVariable() {
        LlmRetryConfigException e = ConfigFixtures.fails(resource("spec-example-verbatim.yaml"), VARIABLES);
        assertEquals("retry.yaml: line 17, column 85: a ${VAR} inside { } or [ ] must be quoted, like \"${VAR}\" "
                + "(or use one key per line)", e.getMessage());
    }

    @Test
    void specExample_load_hasNoHealthFile() {
        assertNull(config.health().file());
        assertEquals(Duration.ofSeconds(60), config.health().window());
    }
}
