package dev.llmretry.internal.config;

import static dev.llmretry.internal.config.ConfigFixtures.parse;
import static dev.llmretry.internal.config.ConfigFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.annotation.FailoverStrategy;
import dev.llmretry.annotation.Jitter;
import dev.llmretry.classify.Decision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every key of retry.yaml, as in docs/configuration.md, is read into the objects. */
class FullExampleTest {
    private final LlmRetryConfig config = parse(resource("full.yaml"), Map.of("PRIMARY_KEY", "k"));

    @Test
    void everyRetryKey_load_isRead() {
        RetrySettings d = config.retryPolicy("default");
        assertEquals(5, d.maxAttempts());
        assertEquals(Duration.ofMillis(500), d.initialBackoff());
        assertEquals(Duration.ofSeconds(20), d.maxBackoff());
        assertEquals(1.5, d.multiplier());
        assertEquals(Jitter.EQUAL, d.jitter());
        assertEquals(Duration.ofMinutes(2), d.maxDuration());
        assertEquals(Duration.ofSeconds(30), d.maxRetryAfter());
        assertNull(d.attemptTimeout());
        assertEquals(List.of("default", "streaming", "fast"), List.copyOf(config.retryPolicies().keySet()));
        RetrySettings fast = config.retryPolicy("fast");
        assertEquals(3, fast.maxAttempts());
        assertEquals(Jitter.NONE, fast.jitter());
        assertEquals(Duration.ofSeconds(5), fast.attemptTimeout());
        assertEquals(1.5, fast.multiplier(), "inherited from the file's default");
    }

    @Test
    void everyBreakerKey_load_isRead() {
        BreakerSettings d = config.breakerPolicy("default");
        assertEquals(4, d.failureThreshold());
        assertEquals(Duration.ofMinutes(1), d.recoveryTime());
        assertEquals(1, d.successThreshold());
        assertEquals(1, d.halfOpenMaxCalls());
        BreakerSettings rate = config.breakerPolicy("rate-based");
        assertEquals(0.5, rate.failureRateThreshold());
        assertEquals(40, rate.slidingWindowSize());
        assertEquals(20, rate.minimumCalls());
        assertEquals(4, rate.failureThreshold(), "inherited from the file's default");
    }

    @Test
    void endpoints_load_keepFileOrderAndSortByPriority() {
        assertEquals(List.of("primary", "backup"), List.copyOf(config.endpoints().keySet()));
        EndpointSettings primary = config.endpoint("primary").orElseThrow();
        assertEquals("https://llm.example/v1", primary.url());
        assertEquals(1, primary.priority(), "position in the file");
        assertEquals("rate-based", primary.circuitBreaker());
        assertEquals(Map.of("deployment", "chat-prod", "api-version", "2024-06-01"), primary.properties());
        assertNull(primary.proxy());
        EndpointSettings backup = config.endpoint("backup").orElseThrow();
        assertEquals(0, backup.priority());
        assertEquals(List.of(backup, primary), config.endpointsByPriority());
        assertEquals(List.of("localhost", ".corp.local"), backup.proxy().noProxy());
        assertNull(backup.proxy().http());
        assertEquals("", backup.proxy().username());
    }

    @Test
    void failoverClassificationMethodsHealth_load_areRead() {
        assertTrue(config.failover().enabled());
        assertEquals(FailoverStrategy.SUCCESS_RATE, config.failover().strategy());
        assertEquals(Set.of(425), config.classification().rules(Decision.RETRY).statuses());
        assertEquals(Set.of("server_busy"), config.classification().rules(Decision.RETRY).errorCodes());
        assertEquals(List.of("com.acme.BadPromptException"), config.classification().rules(Decision.ABORT).exceptionClasses());
        assertTrue(config.classification().rules(Decision.FAILOVER).isEmpty());
        MethodOverride stream = config.methodOverride("com.acme.ChatService#stream").orElseThrow();
        assertEquals("fast", stream.retryPolicy());
        assertEquals(Optional.of(2), stream.retry().value("max-attempts"));
        assertEquals("rate-based", stream.breakerPolicy());
        assertEquals(Optional.of(Duration.ofSeconds(30)), stream.circuitBreaker().value("recovery-time"));
        assertEquals(Path.of(".llmretry/health.json"), config.health().file());
        assertEquals(Duration.ofMinutes(5), config.health().window());
    }

    @Test
    void fullExample_check_findsNoProblems() {
        assertEquals(List.of(), ConfigLoader.check("full.yaml", resource("full.yaml")));
        assertEquals(List.of(), ConfigLoader.check("spec.yaml", resource("spec-example.yaml")));
    }
}
