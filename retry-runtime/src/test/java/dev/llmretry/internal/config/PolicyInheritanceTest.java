package dev.llmretry.internal.config;

import dev.llmretry.config.LlmRetryConfigException;

import static dev.llmretry.internal.config.ConfigFixtures.fails;
import static dev.llmretry.internal.config.ConfigFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmretry.annotation.Jitter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** built-in defaults < file default < named policy < annotation < methods entry, key by key. */
class PolicyInheritanceTest {

    @Test
    void fileDefault_load_replacesBuiltInKeyByKey() {
        RetrySettings d = parse("retry: { default: { max-attempts: 4 } }").retryPolicy("default");
        assertEquals(4, d.maxAttempts());
        assertEquals(Duration.ofSeconds(1), d.initialBackoff());
        assertEquals(Jitter.FULL, d.jitter());
    }

    @Test
    void namedPolicy_load_inheritsUnsetKeysFromFileDefault() {
        LlmRetryConfig config = parse("retry:\n  default: { max-attempts: 4, jitter: none, max-duration: 1m }\n"
                + "  quick: { max-attempts: 2 }\n");
        RetrySettings quick = config.retryPolicy("quick");
        assertEquals(2, quick.maxAttempts());
        assertEquals(Jitter.NONE, quick.jitter());
        assertEquals(Duration.ofMinutes(1), quick.maxDuration());
        assertEquals(Duration.ofSeconds(30), quick.maxBackoff(), "from the built-in defaults");
    }

    @Test
    void namedPolicyBeforeDefaultInFile_load_stillInheritsFromDefault() {
        RetrySettings quick = parse("retry:\n  quick: { max-attempts: 2 }\n  default: { jitter: equal }\n")
                .retryPolicy("quick");
        assertEquals(Jitter.EQUAL, quick.jitter());
    }

    @Test
    void builtInStreaming_load_inheritsFileDefaultForKeysItDoesNotSet() {
        RetrySettings streaming = parse("retry: { default: { max-attempts: 9, max-duration: 1m } }").retryPolicy("streaming");
        assertEquals(2, streaming.maxAttempts(), "the built-in streaming value wins over the file's default");
        assertEquals(Duration.ofMinutes(1), streaming.maxDuration());
        assertEquals(Duration.ofSeconds(30), streaming.attemptTimeout());
    }

    @Test
    void fileStreaming_load_replacesBuiltInStreamingKeyByKey() {
        RetrySettings streaming = parse("retry: { streaming: { max-attempts: 3 } }").retryPolicy("streaming");
        assertEquals(3, streaming.maxAttempts());
        assertEquals(Duration.ofMillis(200), streaming.initialBackoff());
        assertEquals(Duration.ofSeconds(30), streaming.attemptTimeout());
    }

    @Test
    void fileDefaultClashingWithBuiltInStreaming_load_pointsAtTheBuiltInValue() {
        assertEquals("retry.yaml: retry.streaming.initial-backoff was 200ms (built-in value), must be <= max-backoff (100ms). Lower initial-backoff or raise max-backoff.",
                fails("retry: { default: { initial-backoff: 50ms, max-backoff: 100ms } }").getMessage());
    }

    @Test
    void brokenDefault_load_reportedOnceNotPerPolicy() {
        LlmRetryConfigException e = fails("retry:\n  default: { initial-backoff: 1m }\n  a: { max-attempts: 2 }\n");
        assertEquals("retry.yaml: retry.default.initial-backoff was 1m, must be <= max-backoff (30s). Lower initial-backoff or raise max-backoff.", e.getMessage());
    }

    @Test
    void badValueNextToClashingValue_load_reportsOnlyTheBadValue() {
        LlmRetryConfigException e = fails("retry: { default: { initial-backoff: 40s, max-backoff: soon } }");
        assertEquals("retry.yaml: retry.default.max-backoff was soon, must be a duration like 500ms, 2s, 1.5m, 1h, 1d or "
                + "ISO-8601 PT2S", e.getMessage());
    }

    @Test
    void namedBreaker_load_inheritsFromFileDefault() {
        BreakerSettings strict = parse("circuit-breaker:\n  default: { recovery-time: 30s }\n  strict: { failure-threshold: 1 }\n")
                .breakerPolicy("strict");
        assertEquals(1, strict.failureThreshold());
        assertEquals(Duration.ofSeconds(30), strict.recoveryTime());
        assertEquals(2, strict.successThreshold());
    }

    @Test
    void emptyName_policyLookup_meansDefault() {
        LlmRetryConfig config = parse("retry: { default: { max-attempts: 4 } }");
        assertEquals(config.retryPolicy("default"), config.retryPolicy(""));
        assertEquals(config.breakerPolicy("default"), config.breakerPolicy(""));
    }

    @Test
    void annotationThenMethodsEntry_apply_laterLayerWinsKeyByKey() {
        LlmRetryConfig config = parse("retry: { default: { max-attempts: 4, jitter: none } }\n"
                + "methods: { \"com.acme.Chat#ask\": { retry: { max-attempts: 2 } } }\n");
        SettingsPatch annotation = SettingsPatch.retry("@LlmRetry on com.acme.Chat#ask", "")
                .put("max-attempts", 5).put("initial-backoff", "2s").build();
        SettingsPatch methods = config.methodOverride("com.acme.Chat#ask").orElseThrow().retry();
        RetrySettings effective = config.retryPolicy("default").apply(List.of(annotation, methods));
        assertEquals(2, effective.maxAttempts(), "methods entry wins");
        assertEquals(Duration.ofSeconds(2), effective.initialBackoff(), "annotation wins over policy");
        assertEquals(Jitter.NONE, effective.jitter(), "policy value kept");
    }

    @Test
    void methodsEntryClash_apply_blamesTheMethodsEntry() {
        LlmRetryConfig config = parse("methods: { \"com.acme.Chat#ask\": { retry: { initial-backoff: 1m } } }\n");
        SettingsPatch methods = config.methodOverride("com.acme.Chat#ask").orElseThrow().retry();
        LlmRetryConfigException e = org.junit.jupiter.api.Assertions.assertThrows(LlmRetryConfigException.class,
                () -> config.retryPolicy("default").apply(methods));
        assertEquals("retry.yaml: methods.\"com.acme.Chat#ask\".retry.initial-backoff was 1m, must be <= max-backoff (30s). Lower initial-backoff or raise max-backoff.",
                e.getMessage());
    }

    @Test
    void emptyFileOrOnlyComments_load_givesDefaultsWithFileAsSource() {
        for (String text : new String[] {"", "# nothing yet\n", "\n\n", "---\n"}) {
            LlmRetryConfig config = ConfigLoader.parse("ops/retry.yaml", text, name -> null);
            assertEquals("ops/retry.yaml", config.source());
            assertEquals(LlmRetryConfig.defaults().retryPolicies(), config.retryPolicies());
            assertEquals(LlmRetryConfig.defaults().breakerPolicies(), config.breakerPolicies());
            assertEquals(LlmRetryConfig.defaults().failover(), config.failover());
            assertEquals(0, config.endpoints().size());
        }
    }

    @Test
    void builtInDefaults_haveTheDocumentedContent() {
        LlmRetryConfig d = LlmRetryConfig.defaults();
        assertEquals(LlmRetryConfig.BUILT_IN, d.source());
        assertEquals(List.of("default", "streaming"), List.copyOf(d.retryPolicies().keySet()));
        assertEquals(List.of("default"), List.copyOf(d.breakerPolicies().keySet()));
        assertEquals(FailoverSettings.defaults(), d.failover());
        assertEquals(true, d.classification().isEmpty());
        assertEquals(0, d.methods().size());
        assertNull(d.health().file());
    }
}
